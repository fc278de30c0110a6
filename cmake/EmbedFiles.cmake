# Writes OUTPUT: one C++ initializer {"path", R"(contents)"} per file matching
# PATTERN below BASE_DIR, paths relative to BASE_DIR and sorted, so that the
# maptidy binary carries them (the check pages for SARIF rules, the bundled
# headers for --install-headers). Run with cmake -P at build time.
file(GLOB_RECURSE files RELATIVE "${BASE_DIR}" "${BASE_DIR}/${PATTERN}")
list(SORT files)
set(entries "")
foreach(file IN LISTS files)
  file(READ "${BASE_DIR}/${file}" contents)
  string(APPEND entries "{\"${file}\", R\"maptidyembed(${contents})maptidyembed\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${entries}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
