-- Neovim (0.7, headless) as a real LSP client of maptidy-clangd: waits for
-- maptidy's diagnostic, asks for its quick fix, applies it, and compares the
-- buffer with the expected text. Run by nvim_e2e.sh, which sets:
--   MAPTIDY_CLANGD  the server
--   MAPTIDY_ROOT    the workspace (compile_flags.txt, .clang-tidy, .clangd)
--   MAPTIDY_FIXED   the file holding the expected text after the fix
local CHECK = 'maptidy-unreserved-append'

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function lsp_code(diagnostic)
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
  return diagnostic.code or lsp.code
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'cpp'
  local client_id = vim.lsp.start_client({
    name = 'maptidy-clangd',
    cmd = { os.getenv('MAPTIDY_CLANGD'), '--log=error', '--background-index=false' },
    root_dir = os.getenv('MAPTIDY_ROOT'),
  })
  if not client_id then
    return fail('maptidy-clangd did not start')
  end
  vim.lsp.buf_attach_client(buf, client_id)

  local found
  vim.wait(60000, function()
    for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
      if lsp_code(diagnostic) == CHECK then
        found = diagnostic
        return true
      end
    end
    return false
  end, 50)
  if not found then
    return fail('no ' .. CHECK .. ' diagnostic; got ' .. vim.inspect(vim.diagnostic.get(buf)))
  end
  if found.lnum ~= 5 then
    return fail('diagnostic on the wrong line: ' .. vim.inspect(found))
  end

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = found.lnum, character = found.col },
      ['end'] = { line = found.end_lnum, character = found.end_col },
    },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, found.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000)
  local quickfix
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.kind == 'quickfix' and action.edit then
        quickfix = action
      end
    end
  end
  if not quickfix then
    return fail('no quick fix offered: ' .. vim.inspect(responses))
  end
  local client = vim.lsp.get_client_by_id(client_id)
  vim.lsp.util.apply_workspace_edit(quickfix.edit, client.offset_encoding)

  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  local expected = table.concat(vim.fn.readfile(os.getenv('MAPTIDY_FIXED')), '\n') .. '\n'
  if text ~= expected then
    return fail('the quick fix gives:\n' .. text)
  end
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
  io.stdout:write('PASS: ' .. quickfix.title .. '\n')
  vim.cmd('qall!')
end

local ok, problem = pcall(run)
if not ok then
  fail(tostring(problem))
end
