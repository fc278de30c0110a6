//===--- UnitAnalysis.cpp - maptidy ---------------------------------------===//

#include "UnitAnalysis.h"
#include "ClangTidy.h"
#include "ClangTidyModule.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::tidy;

namespace maptidy {

namespace {

/// Narrows the traversal of the matchers that run next, and of the parent
/// map they build, to the top-level declarations outside system headers.
class SkipSystemHeaders : public ASTConsumer {
  void HandleTranslationUnit(ASTContext &Context) override {
    const SourceManager &SM = Context.getSourceManager();
    std::vector<Decl *> UserDecls;
    for (Decl *D : Context.getTranslationUnitDecl()->decls()) {
      const SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
      if (Loc.isValid() && !SM.isInSystemHeader(Loc))
        UserDecls.push_back(D);
    }
    Context.setTraversalScope(UserDecls);
  }
};

/// Whether every enabled check is maptidy's and none reports in system
/// headers, so that nothing the run reports depends on their declarations.
bool onlyUserCodeMatters(ClangTidyContext &Context,
                         ClangTidyASTConsumerFactory &Factory) {
  return !Context.getOptions().SystemHeaders.value_or(false) &&
         llvm::all_of(Factory.getCheckNames(), [](llvm::StringRef Name) {
           return Name.starts_with("maptidy-");
         });
}

class ChecksAction : public ASTFrontendAction {
public:
  ChecksAction(ClangTidyContext &Context, ClangTidyASTConsumerFactory &Factory)
      : Context(Context), Factory(Factory) {}

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &Compiler, llvm::StringRef File) override {
    std::unique_ptr<ASTConsumer> Checks =
        Factory.createASTConsumer(Compiler, File);
    if (!Checks || !onlyUserCodeMatters(Context, Factory))
      return Checks;
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    Consumers.push_back(std::make_unique<SkipSystemHeaders>());
    Consumers.push_back(std::move(Checks));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory &Factory;
};

class ChecksActionFactory : public tooling::FrontendActionFactory {
public:
  ChecksActionFactory(ClangTidyContext &Context, bool Quiet)
      : Context(Context), Factory(Context), Quiet(Quiet) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<ChecksAction>(Context, Factory);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *Diagnostics) override {
    // Code guarded by __clang_analyzer__ is analyzed, as by clang-tidy.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    if (Quiet)
      Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(
        std::move(Invocation), Files, std::move(PCHContainerOps), Diagnostics);
  }

private:
  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory Factory;
  bool Quiet;
};

/// ExtraArgsBefore and ExtraArgs of the options that apply to the file.
tooling::ArgumentsAdjuster extraArguments(ClangTidyContext &Context) {
  return [&Context](const tooling::CommandLineArguments &Args,
                    llvm::StringRef File) {
    const ClangTidyOptions Options = Context.getOptionsForFile(File);
    tooling::CommandLineArguments Adjusted = Args;
    if (Options.ExtraArgsBefore) {
      // After the compiler's name, when the command starts with one.
      auto At = Adjusted.begin();
      if (At != Adjusted.end() && !llvm::StringRef(*At).starts_with("-"))
        ++At;
      Adjusted.insert(At, Options.ExtraArgsBefore->begin(),
                      Options.ExtraArgsBefore->end());
    }
    if (Options.ExtraArgs)
      Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(),
                      Options.ExtraArgs->end());
    return Adjusted;
  };
}

} // namespace

std::vector<ClangTidyError>
runChecksOnUnit(ClangTidyContext &Context,
                const tooling::CompilationDatabase &Database,
                const std::string &File, bool FixNotes, bool Quiet) {
  tooling::ClangTool Tool(Database, {File});
  Tool.appendArgumentsAdjuster(extraArguments(Context));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  ClangTidyDiagnosticConsumer Consumer(Context, /*ExternalDiagEngine=*/nullptr,
                                       /*RemoveIncompatibleErrors=*/true,
                                       /*GetFixesFromNotes=*/FixNotes);
  auto Options = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(DiagnosticIDs::create(), *Options, &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(Options), &Engine);
  Tool.setDiagnosticConsumer(&Consumer);

  ChecksActionFactory Factory(Context, Quiet);
  Tool.run(&Factory);
  return Consumer.take();
}

} // namespace maptidy
