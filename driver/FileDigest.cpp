//===--- FileDigest.cpp - maptidy -----------------------------------------===//

#include "FileDigest.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

namespace maptidy {

FileDigest digestOf(llvm::StringRef Contents) {
  const llvm::XXH128_hash_t Hash =
      llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Contents));
  return {Contents.size(), Hash.high64, Hash.low64};
}

} // namespace maptidy
