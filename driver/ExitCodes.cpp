//===--- ExitCodes.cpp - maptidy ------------------------------------------===//

#include "ExitCodes.h"
#include "llvm/Support/raw_ostream.h"

namespace maptidy {

void reportError(const llvm::Twine &Message) {
  llvm::errs() << "maptidy: error: " << Message << "\n";
}

} // namespace maptidy
