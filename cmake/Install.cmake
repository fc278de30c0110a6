# Installs the container headers, the CMake package config, and (when built) the tools.
include(CMakePackageConfigHelpers)

install(DIRECTORY include/maptidy DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
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
  install(TARGETS maptidy maptidy-clangd RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(TARGETS maptidy_plugin LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  # Clang's builtin headers (stddef.h, ...), where the driver looks first:
  # lib/clang/<major> beside bin/, literally "lib" whatever the LIBDIR. The
  # installed maptidy then works without the system's copy.
  install(DIRECTORY ${MAPTIDY_CLANG_RESOURCE_DIR}/include
    DESTINATION lib/clang/${LLVM_VERSION_MAJOR})
endif()
