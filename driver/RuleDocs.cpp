//===--- RuleDocs.cpp - maptidy -------------------------------------------===//

#include "RuleDocs.h"
#include "EmbeddedFile.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

namespace maptidy {

/// The pages of docs/checks, one per check, named after it without
/// "maptidy-".
static constexpr EmbeddedFile Pages[] = {
#include "CheckDocs.inc"
};

static std::string checkOf(const EmbeddedFile &Page) {
  return "maptidy-" + llvm::sys::path::stem(Page.Path).str();
}

/// The first \p Count prose paragraphs after the page's title, each on one
/// line, separated by a space; a code block or a heading ends them.
static std::string leadingParagraphs(llvm::StringRef Markdown, unsigned Count) {
  std::string Text;
  bool InParagraph = false;
  llvm::StringRef Rest = Markdown;
  while (!Rest.empty() && Count > 0) {
    auto [Line, Tail] = Rest.split('\n');
    Rest = Tail;
    Line = Line.trim();
    if (Line.starts_with("#") && Text.empty())
      continue;
    if (Line.starts_with("#") || Line.starts_with("```") ||
        Line.starts_with("|"))
      break;
    if (Line.empty()) {
      Count -= InParagraph;
      InParagraph = false;
      continue;
    }
    if (!Text.empty())
      Text += ' ';
    Text += Line;
    InParagraph = true;
  }
  return Text;
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
  const EmbeddedFile *Page = llvm::find_if(
      Pages, [&](const EmbeddedFile &P) { return Check == checkOf(P); });
  if (Page == std::end(Pages)) {
    Doc.ShortDescription = "clang-tidy check " + Check.str();
    Doc.FullDescription = Doc.ShortDescription + ".";
    Doc.HelpUri = llvmPage(Check);
    Doc.HelpText = "See " + Doc.HelpUri;
    Doc.HelpMarkdown = "See [" + Check.str() + "](" + Doc.HelpUri + ").";
    return Doc;
  }
  const std::string Path = "docs/checks/" + std::string(Page->Path);
  Doc.ShortDescription = firstSentence(leadingParagraphs(Page->Contents, 1));
  Doc.FullDescription = leadingParagraphs(Page->Contents, 2);
  Doc.HelpText = Doc.FullDescription + "\n\nDocumentation: " + Path;
  Doc.HelpMarkdown = Page->Contents;
  if (llvm::StringRef Base = MAPTIDY_DOCS_URL; !Base.empty())
    Doc.HelpUri = Base.str() + Path;
  return Doc;
}

std::vector<std::string> documentedChecks() {
  std::vector<std::string> Checks;
  for (const EmbeddedFile &Page : Pages)
    Checks.push_back(checkOf(Page));
  return Checks;
}

} // namespace maptidy
