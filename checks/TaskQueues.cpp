//===--- TaskQueues.cpp - maptidy -----------------------------------------===//

#include "TaskQueues.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "ThreadSharing.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::maptidy {

/// The class a member of type \p Type keeps threads of: the type itself, or
/// the first argument of a template (`std::vector<std::thread>`,
/// `std::unique_ptr<std::thread>`).
static const CXXRecordDecl *threadsKeptBy(QualType MemberType) {
  const Type *Element = MemberType->getBaseElementTypeUnsafe();
  const CXXRecordDecl *Record = Element->getAsCXXRecordDecl();
  if (const auto *Specialization =
          dyn_cast_or_null<ClassTemplateSpecializationDecl>(Record);
      Specialization && Specialization->getTemplateArgs().size() > 0 &&
      Specialization->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
    return Specialization->getTemplateArgs()[0]
        .getAsType()
        ->getAsCXXRecordDecl();
  return Record;
}

bool ownsThreads(const CXXRecordDecl &Record) {
  const CXXRecordDecl *Definition = Record.getDefinition();
  if (!Definition)
    return false;
  const auto KeepsThreads = [](const CXXRecordDecl *Class) {
    return llvm::any_of(Class->fields(), [](const FieldDecl *Field) {
      const QualType Type = Field->getType();
      return isThreadClass(Type->getAsCXXRecordDecl()) ||
             isThreadClass(threadsKeptBy(Type));
    });
  };
  return KeepsThreads(Definition) ||
         !Definition->forallBases(
             [&](const CXXRecordDecl *Base) { return !KeepsThreads(Base); });
}

/// Whether \p Type holds a callable that code can keep: a std::function (or
/// one of its kin) or a lambda's class (a template's deduced parameter).
static bool isCallableType(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (Record->isLambda())
    return true;
  return isStdNamed(Record, {"function", "move_only_function",
                             "copyable_function", "packaged_task"}) ||
         isBoostNamed(Record, {"function"});
}

/// Whether \p Body calls \p Param: `task()`, `std::invoke(task)`.
static bool callsParameter(const Stmt *Body, const ParmVarDecl &Param) {
  const auto Names = [&](const Expr *E) {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(strip(E));
    return Ref && Ref->getDecl() == &Param;
  };
  return walkDescendants(Body, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return Walk::Continue;
    const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
    const bool Calls = (Operator && Operator->getOperator() == OO_Call &&
                        Names(Operator->getArg(0))) ||
                       Names(Call->getCallee()) ||
                       (isStdNamed(Call->getDirectCallee(), {"invoke"}) &&
                        Call->getNumArgs() > 0 && Names(Call->getArg(0)));
    return Calls ? Walk::Stop : Walk::Continue;
  });
}

bool queuesTaskForOwnThreads(const FunctionDecl &Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (!Method || Method->isStatic() || Method->isConst() ||
      isa<CXXConstructorDecl>(Method) || !ownsThreads(*Method->getParent()))
    return false;
  const FunctionDecl *Definition = nullptr;
  const bool Visible = Method->hasBody(Definition);
  for (unsigned I = 0; I < Method->getNumParams(); ++I) {
    const QualType Type = Method->getParamDecl(I)->getType();
    if (!isCallableType(Type))
      continue;
    if (!Visible) {
      // A std::function taken by value or moved in is kept, by custom.
      if (!Type->isLValueReferenceType())
        return true;
      continue;
    }
    const ParmVarDecl &Param = *Definition->getParamDecl(I);
    if (Param.isReferenced() && !callsParameter(Definition->getBody(), Param))
      return true;
  }
  return false;
}

} // namespace clang::tidy::maptidy
