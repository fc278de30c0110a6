//===--- Fingerprint.cpp - maptidy ----------------------------------------===//

#include "Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/SHA1.h"

namespace maptidy {

/// \p Message with each run of digits replaced by '#': counts in a message
/// ("6 of 7 accesses hold it") change when other lines of the file do.
static std::string withoutNumbers(llvm::StringRef Message) {
  std::string Result;
  for (size_t I = 0; I < Message.size(); ++I) {
    if (!llvm::isDigit(Message[I]))
      Result += Message[I];
    else if (I == 0 || !llvm::isDigit(Message[I - 1]))
      Result += '#';
  }
  return Result;
}

/// What identifies \p F apart from its rank: the line's text without
/// whitespace, and where in that text the finding starts.
static std::string identity(const Finding &F, SourceCache &Sources,
                            const ProjectRoot &Root) {
  llvm::StringRef Line = Sources.lineText(F.Path, F.Where.Line);
  std::string Squeezed;
  size_t Column = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    if (llvm::isSpace(Line[I]))
      continue;
    if (I + 1 < F.Where.Column)
      ++Column;
    Squeezed += Line[I];
  }
  // Named copies: a temporary in the list below would be gone before the
  // loop reads it.
  const std::string RelativePath = Root.relative(F.Path);
  const std::string Message = withoutNumbers(F.Error.Message.Message);
  std::string Identity;
  for (llvm::StringRef Part :
       {llvm::StringRef(F.Error.DiagnosticName), llvm::StringRef(RelativePath),
        llvm::StringRef(Message), llvm::StringRef(Squeezed)}) {
    Identity += Part;
    Identity += '\0';
  }
  return Identity + std::to_string(Column);
}

void assignFingerprints(llvm::MutableArrayRef<Finding> Findings,
                        SourceCache &Sources, const ProjectRoot &Root) {
  llvm::StringMap<unsigned> Seen;
  for (Finding &F : Findings) {
    const std::string Identity = identity(F, Sources, Root);
    const unsigned Rank = Seen[Identity]++;
    llvm::SHA1 Hash;
    Hash.update(Identity);
    Hash.update(llvm::StringRef("\0", 1));
    Hash.update(std::to_string(Rank));
    F.Fingerprint = llvm::toHex(Hash.final(), /*LowerCase=*/true);
  }
}

} // namespace maptidy
