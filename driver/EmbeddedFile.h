//===--- EmbeddedFile.h - maptidy -----------------------------------------===//
//
// A file of the source tree compiled into maptidy (cmake/EmbedFiles.cmake).
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_EMBEDDEDFILE_H
#define MAPTIDY_DRIVER_EMBEDDEDFILE_H

namespace maptidy {

struct EmbeddedFile {
  /// Relative to the directory it was taken from.
  const char *Path;
  const char *Contents;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_EMBEDDEDFILE_H
