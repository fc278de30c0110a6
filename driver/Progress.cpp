//===--- Progress.cpp - maptidy -------------------------------------------===//

#include "Progress.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace maptidy {

ProgressLine::ProgressLine(bool Enabled, size_t Total)
    : Enabled(Enabled), Total(Total), Start(std::chrono::steady_clock::now()) {}

/// \p Path relative to the working directory when it is below it.
static llvm::StringRef shortName(llvm::StringRef Path) {
  llvm::SmallString<256> Directory;
  if (llvm::sys::fs::current_path(Directory))
    return Path;
  Directory += '/';
  Path.consume_front(Directory);
  return Path;
}

void ProgressLine::update(size_t Done, llvm::StringRef Current) {
  if (!Enabled)
    return;
  std::string Line =
      llvm::formatv("[{0}/{1}] {2}", Done, Total, shortName(Current)).str();
  if (Done > 0 && Done < Total) {
    const double Elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
            .count();
    const unsigned Left =
        static_cast<unsigned>(Elapsed / Done * (Total - Done) + 0.5);
    llvm::raw_string_ostream(Line)
        << llvm::format("  ETA %u:%02u", Left / 60, Left % 60);
  }
  // Longer than the terminal, the line would wrap and \r could not erase it.
  const unsigned Width = llvm::sys::Process::StandardErrColumns();
  if (Width > 1 && Line.size() >= Width)
    Line.resize(Width - 1);
  llvm::errs() << "\r\x1b[K" << Line;
  llvm::errs().flush();
  Shown = true;
}

void ProgressLine::clear() {
  if (!Shown)
    return;
  llvm::errs() << "\r\x1b[K";
  llvm::errs().flush();
  Shown = false;
}

} // namespace maptidy
