//===--- VfsOverlay.cpp - maptidy -----------------------------------------===//

#include "VfsOverlay.h"
#include "SystemHeaderRepairs.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

namespace maptidy {

llvm::Expected<llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>>
createAnalysisFileSystem(llvm::StringRef OverlayFile) {
  auto Real = withSystemHeaderRepairs(llvm::vfs::getRealFileSystem());
  if (OverlayFile.empty())
    return Real;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      Real->getBufferForFile(OverlayFile);
  if (!Text)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read --vfsoverlay file '" +
                                       OverlayFile +
                                       "': " + Text.getError().message());
  // The parser's first message, for one line instead of its report.
  std::string Problem;
  auto Keep = [](const llvm::SMDiagnostic &Diag, void *Context) {
    auto &First = *static_cast<std::string *>(Context);
    if (First.empty())
      First = Diag.getMessage().str();
  };
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Virtual =
      llvm::vfs::getVFSFromYAML(std::move(*Text), Keep, OverlayFile, &Problem,
                                Real);
  if (!Virtual)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "invalid --vfsoverlay file '" + OverlayFile + "'" +
            (Problem.empty() ? "" : ": " + Problem));
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Real);
  Overlay->pushOverlay(std::move(Virtual));
  return Overlay;
}

} // namespace maptidy
