//===--- RuleDocs.cpp - maptidy -------------------------------------------===//

#include "RuleDocs.h"
#include "llvm/ADT/STLExtras.h"

namespace maptidy {

namespace {
struct CheckPage {
  const char *Check;
  const char *Stem;
  const char *Markdown;
};
} // namespace

static constexpr CheckPage Pages[] = {
#include "CheckDocs.inc"
};

/// The first paragraph after the page's title, on one line.
static std::string firstParagraph(llvm::StringRef Markdown) {
  std::string Paragraph;
  llvm::StringRef Rest = Markdown;
  while (!Rest.empty()) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    Line = Line.trim();
    if (Line.starts_with("#") || (Line.empty() && Paragraph.empty()))
      continue;
    if (Line.empty())
      break;
    if (!Paragraph.empty())
      Paragraph += ' ';
    Paragraph += Line;
  }
  return Paragraph;
}

static std::string firstSentence(llvm::StringRef Paragraph) {
  const size_t End = Paragraph.find(". ");
  return Paragraph.take_front(End == llvm::StringRef::npos ? End : End + 1)
      .str();
}

/// The page of a clang-tidy check on clang.llvm.org.
static std::string llvmPage(llvm::StringRef Check) {
  if (Check.starts_with("clang-analyzer-"))
    return "https://clang.llvm.org/docs/analyzer/checkers.html";
  if (Check.consume_front("clang-diagnostic-"))
    return "https://clang.llvm.org/docs/DiagnosticsReference.html#w" +
           Check.str();
  auto [Module, Name] = Check.split('-');
  return "https://clang.llvm.org/extra/clang-tidy/checks/" + Module.str() +
         "/" + Name.str() + ".html";
}

RuleDoc ruleDoc(llvm::StringRef Check) {
  RuleDoc Doc;
  const CheckPage *Page = llvm::find_if(
      Pages, [&](const CheckPage &P) { return Check == P.Check; });
  if (Page == std::end(Pages)) {
    Doc.ShortDescription = "clang-tidy check " + Check.str();
    Doc.FullDescription = Doc.ShortDescription + ".";
    Doc.HelpUri = llvmPage(Check);
    Doc.HelpText = "See " + Doc.HelpUri;
    Doc.HelpMarkdown = "See [" + Check.str() + "](" + Doc.HelpUri + ").";
    return Doc;
  }
  const std::string Path = "docs/checks/" + std::string(Page->Stem) + ".md";
  Doc.FullDescription = firstParagraph(Page->Markdown);
  Doc.ShortDescription = firstSentence(Doc.FullDescription);
  Doc.HelpText = Doc.FullDescription + "\n\nDocumentation: " + Path;
  Doc.HelpMarkdown = Page->Markdown;
  if (llvm::StringRef Base = MAPTIDY_DOCS_URL; !Base.empty())
    Doc.HelpUri = Base.str() + Path;
  return Doc;
}

std::vector<std::string> documentedChecks() {
  std::vector<std::string> Checks;
  for (const CheckPage &Page : Pages)
    Checks.push_back(Page.Check);
  return Checks;
}

} // namespace maptidy
