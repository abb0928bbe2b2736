-- Drives policylint-lsp from neovim 0.7 (vim.lsp.start_client and
-- buf_attach_client; vim.lsp.start came in 0.8). Opens the policy, waits for
-- diagnostics, asks for a quick fix the way vim.lsp.buf.code_action() does,
-- applies the preferred one, waits for the new diagnostics, and writes what it
-- saw as JSON to $POLICYLINT_OUT. Paths come from the environment.
local out = os.getenv('POLICYLINT_OUT')

local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local function dump(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      code = d.code, source = d.source, severity = d.severity,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      data = lsp.data,
    })
  end
  return list
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('POLICYLINT_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'policylint',
    cmd = { os.getenv('POLICYLINT_NODE'), os.getenv('POLICYLINT_LSP'), '--stdio' },
    root_dir = os.getenv('POLICYLINT_ROOT'),
    flags = { debounce_text_changes = 50 },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local fix_line = tonumber(os.getenv('POLICYLINT_FIX_LINE'))
  local function term_on_fix_line()
    for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = fix_line })) do
      if type(d.code) == 'string' and d.code:sub(1, 5) == 'term/' then return true end
    end
    return false
  end

  local result = {}
  result.published = vim.wait(30000, term_on_fix_line, 50)
  result.diagnostics = dump(bufnr)

  -- Exactly what vim.lsp.buf.code_action() sends: the line's diagnostics as neovim rebuilds them.
  local client = vim.lsp.get_client_by_id(client_id)
  local params = vim.lsp.util.make_range_params()
  params.range = { start = { line = fix_line, character = 0 }, ['end'] = { line = fix_line, character = 0 } }
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, fix_line) }
  result.sent = params.context.diagnostics
  local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
  local actions = (response and response.result) or {}
  result.titles = vim.tbl_map(function(a) return a.title end, actions)
  for _, action in ipairs(actions) do
    if action.isPreferred then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      break
    end
  end
  result.fixed_line = vim.api.nvim_buf_get_lines(bufnr, fix_line, fix_line + 1, false)[1]
  result.cleared = vim.wait(30000, function() return not term_on_fix_line() end, 50)
  result.after = dump(bufnr)
  return result
end

local ok, value = pcall(run)
if ok then finish(value) else finish({ error = tostring(value) }) end
