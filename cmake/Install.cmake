# Installs the container headers, the CMake package config, the documentation
# and (when built) the tools with their man page and shell completions.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/maptidy DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# README's links into docs/ keep working in the installed copy.
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(TARGETS maptidy_containers EXPORT maptidyTargets)
install(EXPORT maptidyTargets NAMESPACE maptidy::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/maptidy)

configure_package_config_file(cmake/maptidyConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/maptidyConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/maptidy)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/maptidyConfigVersion.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/maptidyConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/maptidyConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/maptidy)

if(MAPTIDY_BUILD_TOOLS)
  # The man page is made from the built binary's --help and --version, so it
  # never disagrees with them.
  find_program(MAPTIDY_HELP2MAN help2man)
  if(MAPTIDY_HELP2MAN)
    set(MAPTIDY_MAN_PAGE ${PROJECT_BINARY_DIR}/man/maptidy.1)
    add_custom_command(OUTPUT ${MAPTIDY_MAN_PAGE}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
      COMMAND ${MAPTIDY_HELP2MAN} --no-info --section=1
        "--name=find and fix costly uses of maps and containers in C++"
        --output=${MAPTIDY_MAN_PAGE} $<TARGET_FILE:maptidy>
      DEPENDS maptidy
      COMMENT "Generating the maptidy(1) man page"
      VERBATIM)
    add_custom_target(maptidy_man ALL DEPENDS ${MAPTIDY_MAN_PAGE})
  else()
    message(WARNING "help2man not found: no man page is built (ci/setup.sh installs it)")
  endif()

  install(TARGETS maptidy maptidy-clangd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(TARGETS maptidy_plugin LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  # Clang's builtin headers (stddef.h, ...), where the driver looks first:
  # lib/clang/<major> beside bin/, literally "lib" whatever the LIBDIR. The
  # installed maptidy then works without the system's copy.
  install(DIRECTORY ${MAPTIDY_CLANG_RESOURCE_DIR}/include
    DESTINATION lib/clang/${LLVM_VERSION_MAJOR})

  if(MAPTIDY_MAN_PAGE)
    install(FILES ${MAPTIDY_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  endif()
  install(FILES completions/maptidy.bash RENAME maptidy
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
  install(FILES completions/_maptidy
    DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
endif()
