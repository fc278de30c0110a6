# Writes OUTPUT: one C++ initializer {"check", "doc stem", R"(markdown)"} per
# page of DOCS_DIR (docs/checks), so that SARIF reports carry each check's
# description and help. Run with cmake -P at build time.
file(GLOB pages "${DOCS_DIR}/*.md")
list(SORT pages)
set(entries "")
foreach(page IN LISTS pages)
  get_filename_component(stem "${page}" NAME_WE)
  file(READ "${page}" markdown)
  string(APPEND entries "{\"maptidy-${stem}\", \"${stem}\", R\"maptidydoc(${markdown})maptidydoc\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${entries}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
