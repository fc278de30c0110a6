//===--- BundledHeaders.cpp - maptidy -------------------------------------===//

#include "BundledHeaders.h"
#include "AtomicFile.h"
#include "EmbeddedFile.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <vector>

namespace maptidy {

/// include/ of the source tree: "maptidy/sharded_map.hpp", ...
static constexpr EmbeddedFile Headers[] = {
#include "BundledHeaders.inc"
};

static llvm::Error refuse(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

llvm::Expected<unsigned> installBundledHeaders(llvm::StringRef Directory) {
  // Every file is checked before any is written: a refusal changes nothing.
  std::vector<std::pair<std::string, llvm::StringRef>> Missing;
  for (const EmbeddedFile &Header : Headers) {
    llvm::SmallString<256> Path(Directory);
    llvm::sys::path::append(Path, Header.Path);
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Existing =
        llvm::MemoryBuffer::getFile(Path);
    if (Existing) {
      if ((*Existing)->getBuffer() != Header.Contents)
        return refuse("'" + Path +
                      "' exists and differs from this maptidy's header; "
                      "remove it to install this version's headers");
      continue;
    }
    if (Existing.getError() != std::errc::no_such_file_or_directory)
      return refuse("cannot read '" + Path +
                    "': " + Existing.getError().message());
    Missing.emplace_back(std::string(Path), Header.Contents);
  }
  for (const auto &[Path, Contents] : Missing) {
    if (std::error_code Error = llvm::sys::fs::create_directories(
            llvm::sys::path::parent_path(Path)))
      return refuse("cannot write '" + Path + "': " + Error.message());
    if (llvm::Error Error = writeFileAtomically(Path, Contents))
      return std::move(Error);
  }
  return Missing.size();
}

} // namespace maptidy
