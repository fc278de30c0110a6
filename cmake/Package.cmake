# A Debian package of the tools: `cpack -G DEB` in the build tree.
#
# Everything lives under /opt/maptidy, the tree `cmake --install` makes: the
# driver finds its builtin headers at /opt/maptidy/lib/clang/<major>, and no
# file clashes with Debian's clang packages (which own /usr/lib/clang and
# /usr/lib/llvm-*). Symbolic links in /usr put the commands on PATH and the man
# page, completions and documentation where man, bash, zsh and users look.
set(MAPTIDY_DEB_PREFIX /opt/maptidy)
set(MAPTIDY_PACKAGE_MAINTAINER
  "maptidy maintainers <maintainers@users.noreply.h-seed-7c0e9e15.example>"
  CACHE STRING "Maintainer field of the Debian package")

# The links are their own component, left out of `cmake --install` (which
# must not write to /usr) and put into the package.
set(maptidy_links_dir ${PROJECT_BINARY_DIR}/deb-links)
function(maptidy_deb_link path_in_prefix system_dir)
  get_filename_component(name ${path_in_prefix} NAME)
  file(MAKE_DIRECTORY ${maptidy_links_dir}/${system_dir})
  file(CREATE_LINK ${MAPTIDY_DEB_PREFIX}/${path_in_prefix}
    ${maptidy_links_dir}/${system_dir}/${name} SYMBOLIC)
  install(FILES ${maptidy_links_dir}/${system_dir}/${name}
    DESTINATION /${system_dir} COMPONENT system_links EXCLUDE_FROM_ALL)
endfunction()
maptidy_deb_link(${CMAKE_INSTALL_BINDIR}/maptidy usr/bin)
maptidy_deb_link(${CMAKE_INSTALL_BINDIR}/maptidy-clangd usr/bin)
maptidy_deb_link(${CMAKE_INSTALL_DOCDIR} usr/share/doc)
if(MAPTIDY_MAN_PAGE)
  maptidy_deb_link(${CMAKE_INSTALL_MANDIR}/man1/maptidy.1 usr/share/man/man1)
endif()
maptidy_deb_link(${CMAKE_INSTALL_DATADIR}/bash-completion/completions/maptidy
  usr/share/bash-completion/completions)
# Debian's zsh reads packages' completions from vendor-completions.
maptidy_deb_link(${CMAKE_INSTALL_DATADIR}/zsh/site-functions/_maptidy
  usr/share/zsh/vendor-completions)

set(CPACK_PACKAGE_NAME maptidy)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${MAPTIDY_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "find and fix costly uses of maps and containers in C++")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "maptidy is a clang-tidy-style static analyzer: every clang-tidy check plus
checks for the map and container habits that cost latency and CPU, with
fix-its. The package has the maptidy command, maptidy-clangd for editors,
the plugin for clang-tidy, the bundled container headers and a CMake package.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_PACKAGING_INSTALL_PREFIX ${MAPTIDY_DEB_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# A seventh of the size: the Release binaries carry a full symbol table.
set(CPACK_STRIP_FILES ON)
# dpkg-shlibdeps finds the shared libraries' packages (libclang-cpp, gRPC,
# ...), though not always libllvm22: its shlibs entry names no soname
# libLLVM.so.22.1 has. The
# analyzed code's standard library headers are no shared library, yet no C++
# file that includes <vector> parses without them; a compiler is not needed.
# git serves --diff-base only.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libllvm${LLVM_VERSION_MAJOR}, libstdc++-12-dev | libstdc++-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git")
# One package holding the default component and the links.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL Unspecified system_links)
include(CPack)
