// The map from a Word paragraph's text back to the XML that holds it: what the
// reader keeps for each paragraph (Block.ref) and the redline writer splices
// tracked changes and comments into.
/** One direct child of a run, by its extent in the part's XML. */
export interface RunChild {
  /** rPr: formatting; text: shown text; marker: invisible and harmless to delete (soft hyphen); opaque: anything else. */
  kind: 'rPr' | 'text' | 'marker' | 'opaque';
  /** Element local name ("t", "tab", "br", "drawing"...). */
  local: string;
  start: number;
  end: number;
  /** Text children: where their text sits in the paragraph text. */
  textStart: number;
  length: number;
  /** w:t only: the raw (still escaped) content between its tags. */
  contentStart: number;
  contentEnd: number;
}

export interface RunRef {
  start: number;
  /** Just past the run's open tag. */
  openEnd: number;
  /** Offset of the run's close tag. */
  closeStart: number;
  end: number;
  /** Offset of the "<" of the element holding the run: runs with the same parent are siblings. */
  parent: number;
  /** Inside someone's earlier tracked insertion or move (w:ins, w:moveTo). */
  tracked: boolean;
  children: RunChild[];
}

/** Which kind of story part a paragraph is in. Word allows no comments in headers and footers. */
export type StoryKind = 'body' | 'notes' | 'header-footer' | 'comments';

/** The redline writer's map of one paragraph: Block.ref for Word documents. */
export interface ParagraphRef {
  /** Zip entry of the story part. */
  part: string;
  story: StoryKind;
  /** Length of the part's XML text the offsets below index: the writer's check that it splices the same XML. */
  partLength: number;
  /** Namespace URI and prefix the paragraph element uses, for writing sibling elements. */
  ns: string;
  prefix: string;
  start: number;
  openEnd: number;
  /** After w:pPr: where content (and a comment range) may begin. */
  contentStart: number;
  closeStart: number;
  end: number;
  /** Runs that hold shown text, in order. */
  runs: RunRef[];
  /** Text offsets where something other than text sits (a field code, a note mark, a picture). No edit may span one. */
  barriers: number[];
  /** Notes: the block that cites the note (comments go there: LibreOffice cannot load comments inside notes). */
  citedBy?: number;
}
