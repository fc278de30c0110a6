//===--- Progress.h - maptidy ---------------------------------------------===//
//
// The progress line on a terminal: files done of the total, the file being
// analyzed and the estimated time left, rewritten in place on stderr.
//
//===----------------------------------------------------------------------===//

#ifndef MAPTIDY_DRIVER_PROGRESS_H
#define MAPTIDY_DRIVER_PROGRESS_H

#include "llvm/ADT/StringRef.h"
#include <chrono>
#include <cstddef>

namespace maptidy {

class ProgressLine {
public:
  /// Prints nothing unless \p Enabled.
  ProgressLine(bool Enabled, size_t Total);
  ~ProgressLine() { clear(); }

  void update(size_t Done, llvm::StringRef Current);
  /// Erases the line, so that other output starts on a clean line.
  void clear();

private:
  bool Enabled;
  bool Shown = false;
  size_t Total;
  std::chrono::steady_clock::time_point Start;
};

} // namespace maptidy

#endif // MAPTIDY_DRIVER_PROGRESS_H
