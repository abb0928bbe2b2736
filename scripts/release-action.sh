#!/usr/bin/env bash
# Makes the release tags the GitHub Action runs from (`uses: OWNER/policylint@v0`).
# dist/ is built, never committed on branches; the action cannot build it (that
# needs the development tools), so a release tag points at a commit, made off
# the branch, that adds the build to the released sources. Tags v<version>
# (package.json) and moves v<major> to it; prints the push commands.
#
#   scripts/release-action.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./package.json').version")
major="v${version%%.*}"
if [ -n "$(git status --porcelain)" ]; then
  echo "release-action: commit or stash your changes first (the tag is made from HEAD)" >&2
  exit 2
fi
if git rev-parse -q --verify "refs/tags/v$version" >/dev/null; then
  echo "release-action: v$version is already tagged; raise the version in package.json first" >&2
  exit 2
fi
# A clean build from the lock file (prepare builds dist/).
npm ci --no-audit --no-fund
work=$(mktemp -d)
trap 'git worktree remove --force "$work" >/dev/null 2>&1 || true' EXIT
git worktree add --quiet --detach "$work" HEAD
cp -R dist "$work/dist"
git -C "$work" add --force dist
git -C "$work" commit --quiet -m "policylint $version: the GitHub Action's build (dist/)"
git tag -a "v$version" -m "policylint $version" "$(git -C "$work" rev-parse HEAD)"
git tag -f -a "$major" -m "policylint $version" "v$version^{commit}" >/dev/null
echo "Tagged v$version and $major. Publish them with:"
echo "  git push origin v$version && git push --force origin $major"
