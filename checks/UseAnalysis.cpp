//===--- UseAnalysis.cpp - maptidy ----------------------------------------===//

#include "UseAnalysis.h"
#include "RewriteUtils.h"
#include "StandardCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

namespace clang::tidy::maptidy {

/// Whether \p Method has a const overload with as many parameters (find,
/// begin, at, operator[]): the non-const one is chosen for a non-const object
/// without modifying it.
static bool hasConstTwin(const CXXMethodDecl &Method) {
  if (Method.isConst() || (!Method.getDeclName().isIdentifier() &&
                           Method.getOverloadedOperator() != OO_Subscript))
    return false;
  for (const NamedDecl *Found :
       Method.getParent()->lookup(Method.getDeclName()))
    if (const auto *Other = dyn_cast<CXXMethodDecl>(Found->getUnderlyingDecl());
        Other && Other->isConst() &&
        Other->getNumParams() == Method.getNumParams())
      return true;
  return false;
}

static bool modifiesThroughIterator(const Expr &Iterator, ASTContext &Context);

/// Whether a call given an iterator may modify what it points to. The
/// standard functions that move, measure or compare iterators do not; those
/// that return an iterator into the same range do when their result does.
static bool modifiesThroughCall(const CallExpr &Call, ASTContext &Context) {
  const StringRef Algorithm = standardAlgorithmOf(Call);
  if (llvm::is_contained({"advance", "distance", "count", "count_if", "all_of",
                          "any_of", "none_of", "equal", "binary_search",
                          "is_sorted", "includes"},
                         Algorithm))
    return false;
  if (llvm::is_contained({"next", "prev", "find", "find_if", "find_if_not",
                          "lower_bound", "upper_bound", "min_element",
                          "max_element", "adjacent_find", "partition_point"},
                         Algorithm))
    return modifiesThroughIterator(Call, Context);
  return true;
}

/// Whether the iterator \p Iterator, or the variable it initializes, is used
/// to modify what it points to (through `*` or `->`), or escapes where that
/// cannot be seen.
static bool modifiesThroughIterator(const Expr &Iterator, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(Iterator);
  DynTypedNodeList Parents = Context.getParents(Node);
  while (!Parents.empty() &&
         (Parents[0].get<ImplicitCastExpr>() ||
          Parents[0].get<MaterializeTemporaryExpr>() ||
          Parents[0].get<CXXBindTemporaryExpr>() ||
          Parents[0].get<ExprWithCleanups>() || Parents[0].get<ParenExpr>() ||
          Parents[0].get<CXXConstructExpr>())) {
    Node = Parents[0];
    Parents = Context.getParents(Node);
  }
  if (Parents.empty())
    return false;
  if (const auto *Var = Parents[0].get<VarDecl>()) {
    bool Modifies = Var->getType()->isReferenceType();
    forEachReference(enclosingFunctionBody(Iterator, Context), Var,
                     [&](const Expr &Use) {
                       Modifies |= modifiesThroughIterator(Use, Context);
                     });
    return Modifies;
  }
  const auto *Operator = Parents[0].get<CXXOperatorCallExpr>();
  if (!Operator) {
    const auto *Call = Parents[0].get<CallExpr>();
    return Call && modifiesThroughCall(*Call, Context);
  }
  if (Operator->getOperator() == OO_Star)
    return isModifyingUse(*Operator, Context);
  if (Operator->getOperator() == OO_Arrow) {
    const auto *Member =
        dyn_cast_or_null<MemberExpr>(parentStmt(*Operator, Context));
    return !Member || isModifyingUse(*Member, Context);
  }
  // Comparisons read; ++it and the like change only the iterator.
  return false;
}

/// Whether \p Class holds a pointer to \p Pointee (itself or in a base): its
/// `->` and `*` lead to an object outside it, as a smart pointer's do
/// (Poco's AutoPtr has const and non-const twins of them), where a value
/// wrapper's (std::optional) lead into it.
static bool holdsPointerTo(const CXXRecordDecl *Class, QualType Pointee) {
  if (!Class || !Class->hasDefinition())
    return false;
  for (const FieldDecl *Field : Class->fields())
    if (Field->getType()->isPointerType() &&
        Field->getType()
                ->getPointeeType()
                .getCanonicalType()
                .getUnqualifiedType() == Pointee)
      return true;
  return llvm::any_of(Class->bases(), [&](const CXXBaseSpecifier &Base) {
    return holdsPointerTo(Base.getType()->getAsCXXRecordDecl(), Pointee);
  });
}

/// Whether \p Operator is a smart pointer's `->` or `*`: it does not modify
/// the pointer, whatever is done with the object it points to.
static bool dereferencesHeldPointer(const CXXOperatorCallExpr &Operator,
                                    const CXXMethodDecl &Method) {
  if (Operator.getOperator() != OO_Arrow &&
      (Operator.getOperator() != OO_Star || Operator.getNumArgs() != 1))
    return false;
  QualType Result = Method.getReturnType();
  Result = Result->isPointerType() ? Result->getPointeeType()
                                   : Result.getNonReferenceType();
  return holdsPointerTo(Method.getParent(),
                        Result.getCanonicalType().getUnqualifiedType());
}

bool isUnevaluatedContext(const Stmt &S) {
  if (const auto *TypeId = dyn_cast<CXXTypeidExpr>(&S))
    return !TypeId->isPotentiallyEvaluated();
  return isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr>(S);
}

bool isModifyingUse(const Expr &Ref, ASTContext &Context) {
  const Stmt *Parent = userParent(Ref, Context);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
    // A data member is modified when its own use modifies it.
    if (isa<FieldDecl>(Member->getMemberDecl()))
      return isModifyingUse(*Member, Context);
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Method || !hasConstTwin(*Method))
      return !Method || !Method->isConst();
    // find(), at(), begin() on a non-const object modify only through the
    // reference or iterator they return.
    const auto *Call =
        dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
    if (!Call)
      return true;
    return Call->isLValue() ? isModifyingUse(*Call, Context)
                            : modifiesThroughIterator(*Call, Context);
  }
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent)) {
    const auto *Method =
        dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
    if (Method && strip(Operator->getArg(0)) == &Ref)
      return !Method->isConst() && !dereferencesHeldPointer(*Operator, *Method);
    return Operator->getOperator() == OO_Equal &&
           strip(Operator->getArg(0)) == &Ref;
  }
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Parent)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (strip(Call->getArg(I)) == &Ref)
        return !Callee || I >= Callee->getNumParams() ||
               (Callee->getParamDecl(I)->getType()->isReferenceType() &&
                !Callee->getParamDecl(I)
                     ->getType()
                     .getNonReferenceType()
                     .isConstQualified());
  }
  if (const auto *Binary = dyn_cast_or_null<BinaryOperator>(Parent))
    return Binary->isAssignmentOp() && strip(Binary->getLHS()) == &Ref;
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Parent))
    return Unary->getOpcode() == UO_AddrOf || Unary->isIncrementDecrementOp();
  return false;
}

/// Whether the value of \p E is discarded: an expression statement, the
/// increment of a for loop, a cast to void.
bool isDiscarded(const Expr &E, ASTContext &Context) {
  const auto [Parent, Child] = parentAndChild(E, Context);
  if (!Parent) {
    // The one statement an OpenMP directive runs (`#pragma omp task`).
    const DynTypedNodeList Parents = Context.getParents(*Child);
    return !Parents.empty() && Parents[0].get<CapturedDecl>();
  }
  if (isa<CompoundStmt>(Parent))
    return true;
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent))
    return Cast->getType()->isVoidType();
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return Child == For->getInc() || Child == For->getBody();
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return Child == If->getThen() || Child == If->getElse();
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return Child == While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Child == Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
    return Child == Range->getBody();
  if (const auto *Case = dyn_cast<SwitchCase>(Parent))
    return Child == Case->getSubStmt();
  if (const auto *Label = dyn_cast<LabelStmt>(Parent))
    return Child == Label->getSubStmt();
  if (const auto *Comma = dyn_cast<BinaryOperator>(Parent);
      Comma && Comma->getOpcode() == BO_Comma)
    return Child == Comma->getLHS() || isDiscarded(*Comma, Context);
  return false;
}

bool isReadByValue(const Expr &E, QualType Element, ASTContext &Context) {
  const auto [Parent, Child] = parentAndChild(E, Context);
  const Stmt *User = Parent;
  if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent)) {
    if (Cast->getCastKind() == CK_LValueToRValue)
      return true;
    if (Cast->getCastKind() != CK_NoOp)
      return false;
    User = parentAndChild(*Cast, Context).first;
  }
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(User))
    return Construct->getConstructor()->isCopyConstructor();
  const auto ReturnsValue = [&](const FunctionDecl *Callee) {
    const QualType Returned = Callee->getReturnType();
    if (!Returned->isReferenceType() && !Returned->isPointerType())
      return true;
    return Returned->getPointeeType().getCanonicalType().getUnqualifiedType() !=
           Element.getCanonicalType().getUnqualifiedType();
  };
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(User)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    return Method && Method->isConst() &&
           !Method->getReturnType()->isReferenceType() &&
           !Method->getReturnType()->isPointerType();
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(User);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  // A member operator takes its object as the first argument.
  const unsigned Shift =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Shift; I < Call->getNumArgs(); ++I) {
    if (strip(Call->getArg(I)) != strip(&E))
      continue;
    if (I - Shift >= Callee->getNumParams())
      return false;
    const QualType Param = Callee->getParamDecl(I - Shift)->getType();
    return Param->isReferenceType() &&
           Param.getNonReferenceType().isConstQualified() &&
           ReturnsValue(Callee);
  }
  return false;
}

/// Whether \p Param of \p Callee is a forwarding reference (`Args&&...`) of a
/// standard library function: those construct from their argument.
static bool isStdForwardingParam(const FunctionDecl &Callee, unsigned Param) {
  const DeclContext *Context = Callee.getDeclContext();
  while (Context && (!Context->isNamespace() || Context->isInlineNamespace()))
    Context = Context->getParent();
  const FunctionDecl *Pattern = Callee.getTemplateInstantiationPattern();
  if (!Context || !Context->isStdNamespace() || !Pattern)
    return false;
  const ParmVarDecl *Declared =
      Param < Pattern->getNumParams()
          ? Pattern->getParamDecl(Param)
          : (Pattern->getNumParams() ? Pattern->parameters().back() : nullptr);
  if (!Declared)
    return false;
  QualType Type = Declared->getType();
  if (const auto *Pack = Type->getAs<PackExpansionType>())
    Type = Pack->getPattern();
  const auto *Reference = Type->getAs<RValueReferenceType>();
  return Reference &&
         Reference->getPointeeType()->getAs<TemplateTypeParmType>();
}

bool mayWriteScalar(const Expr &Ref, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(Ref);
  const Expr *Child = &Ref;
  while (!Parents.empty()) {
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent)
      break;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return false;
      if (Cast->getCastKind() != CK_NoOp)
        return true;
    } else if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      // A member operator's first argument is the object.
      const unsigned Skipped = isa<CXXOperatorCallExpr>(Call) &&
                               isa_and_nonnull<CXXMethodDecl>(Callee);
      for (unsigned I = Skipped; Callee && I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && I - Skipped < Callee->getNumParams()) {
          const QualType Param = Callee->getParamDecl(I - Skipped)->getType();
          return Param->isReferenceType() &&
                 !Param.getNonReferenceType().isConstQualified() &&
                 !isStdForwardingParam(*Callee, I - Skipped);
        }
      return true;
    } else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Parent)) {
      // In a template, `in[i]` has no lvalue-to-rvalue conversion of `i`.
      return Subscript->getIdx() != Child;
    } else if (!isa<ParenExpr>(Parent)) {
      return !isUnevaluatedContext(*Parent);
    }
    Child = Parent;
    Parents = Context.getParents(*Parent);
  }
  // Bound to a variable: only a non-const reference can write.
  if (!Parents.empty())
    if (const auto *Var = Parents[0].get<VarDecl>())
      return Var->getType()->isReferenceType() &&
             !Var->getType().getNonReferenceType().isConstQualified();
  return true;
}

/// Whether \p Ref is the object of a const-overload twin (`v[i]`, `v.at(i)`,
/// `v.front()`, `m.find(k)`) whose result is only read: the call reads \p Ref
/// as the const overload would. Stricter than isModifyingUse: a reference
/// bound to the element counts as a write.
static bool readsThroughConstTwin(const Expr &Ref, ASTContext &Context) {
  const Stmt *Parent = userParent(Ref, Context);
  const Expr *Call = nullptr;
  const CXXMethodDecl *Method = nullptr;
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Parent)) {
    if (Operator->getNumArgs() == 0 || strip(Operator->getArg(0)) != &Ref)
      return false;
    Call = Operator;
    Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
  } else if (const auto *Member = dyn_cast_or_null<MemberExpr>(Parent)) {
    Call = dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Context));
    Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
  }
  if (!Call || !Method || !hasConstTwin(*Method))
    return false;
  return Call->isLValue() ? isReadByValue(*Call, Call->getType(), Context)
                          : !modifiesThroughIterator(*Call, Context);
}

bool mutatesAny(const Stmt *Region,
                const llvm::SmallPtrSetImpl<const ValueDecl *> &Decls,
                ASTContext &Context) {
  if (!Region || Decls.empty())
    return false;
  ExprMutationAnalyzer Analyzer(*Region, Context);
  return walkDescendants(Region, [&](const Stmt &S) {
    const ValueDecl *Decl = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
      Decl = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(&S))
      Decl = Member->getMemberDecl();
    const bool Scalar = Decl && Decl->getType()->isScalarType();
    // Nothing is written through a const name; this also keeps a const
    // reference passed to a call of a template's dependent code unwritten.
    const bool Const =
        Decl && Decl->getType().getNonReferenceType().isConstQualified();
    const bool Writes =
        Decl && Decls.contains(Decl) && !Const &&
        (Scalar ? mayWriteScalar(cast<Expr>(S), Context)
                : Analyzer.isMutated(cast<Expr>(&S)) &&
                      !readsThroughConstTwin(cast<Expr>(S), Context));
    return Writes ? Walk::Stop : Walk::Continue;
  });
}

/// What an expression reads indirectly: the pointers it dereferences and the
/// members of `this` it reads.
struct IndirectReads {
  llvm::SmallPtrSet<const ValueDecl *, 4> Pointers;
  llvm::SmallPtrSet<const FieldDecl *, 4> ThisMembers;
};

static const ValueDecl *namedPointer(const Expr *E) {
  E = strip(E);
  const ValueDecl *Decl = nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    Decl = Ref->getDecl();
  else if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
    Decl = Member->getMemberDecl();
  return Decl && Decl->getType()->isPointerType() &&
                 !Decl->getType()->getPointeeType().isConstQualified()
             ? Decl
             : nullptr;
}

static IndirectReads indirectReadsOf(const Expr &Reader) {
  IndirectReads Reads;
  walkDescendants(&Reader, [&](const Stmt &S) {
    if (const auto *Member = dyn_cast<MemberExpr>(&S)) {
      if (Member->isArrow())
        if (const ValueDecl *Pointer = namedPointer(Member->getBase()))
          Reads.Pointers.insert(Pointer);
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && isa<CXXThisExpr>(strip(Member->getBase())))
        Reads.ThisMembers.insert(Field);
    } else if (const auto *Use = dyn_cast<Expr>(&S)) {
      if (const Expr *Operand = dereferencedOperand(*Use))
        if (const ValueDecl *Pointer = namedPointer(Operand))
          Reads.Pointers.insert(Pointer);
    }
    return Walk::Continue;
  });
  return Reads;
}

/// Whether \p Method, called on `this`, may write one of \p Members: it is
/// virtual (an override may), its body writes one, or calls on `this` a
/// non-const member function that may. A body the unit does not have is
/// taken not to write, as a free function's is. \p Visited stops recursion.
static bool
mayWriteMembers(const CXXMethodDecl &Method,
                const llvm::SmallPtrSetImpl<const FieldDecl *> &Members,
                llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Visited,
                ASTContext &Context);

/// Whether \p Region calls on `this` a non-const member function that may
/// write one of \p Members, or hands `this` on.
static bool
writesThisMembers(const Stmt *Region,
                  const llvm::SmallPtrSetImpl<const FieldDecl *> &Members,
                  llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Visited,
                  ASTContext &Context) {
  return walkDescendants(Region, [&](const Stmt &S) {
    const auto *This = dyn_cast<CXXThisExpr>(&S);
    if (!This)
      return Walk::Continue;
    const auto *Member =
        dyn_cast_or_null<MemberExpr>(userParent(*This, Context));
    if (Member && isa<FieldDecl>(Member->getMemberDecl()))
      return Walk::Continue; // a member's own writes are mutatesAny's
    const auto *Method =
        Member ? dyn_cast<CXXMethodDecl>(Member->getMemberDecl()) : nullptr;
    if (!Method)
      return Walk::Stop; // `this` handed on
    if (Method->isConst() || Method->isStatic() || hasConstTwin(*Method))
      return Walk::Continue;
    return mayWriteMembers(*Method, Members, Visited, Context) ? Walk::Stop
                                                               : Walk::Continue;
  });
}

static bool
mayWriteMembers(const CXXMethodDecl &Method,
                const llvm::SmallPtrSetImpl<const FieldDecl *> &Members,
                llvm::SmallPtrSetImpl<const CXXMethodDecl *> &Visited,
                ASTContext &Context) {
  if (Method.isVirtual())
    return true;
  const FunctionDecl *Definition = nullptr;
  if (!Method.hasBody(Definition) || !Visited.insert(&Method).second)
    return false;
  llvm::SmallPtrSet<const ValueDecl *, 4> Names(Members.begin(), Members.end());
  const Stmt *Body = Definition->getBody();
  return mutatesAny(Body, Names, Context) ||
         writesThisMembers(Body, Members, Visited, Context);
}

bool mutatesThroughIndirection(const Stmt *Region, const Expr &Reader,
                               ASTContext &Context) {
  if (!Region)
    return false;
  const IndirectReads Reads = indirectReadsOf(Reader);
  if (!Reads.Pointers.empty()) {
    ExprMutationAnalyzer Analyzer(*Region, Context);
    const bool Written = walkDescendants(Region, [&](const Stmt &S) {
      const auto *Use = dyn_cast<Expr>(&S);
      const ValueDecl *Pointer = Use && isa<DeclRefExpr, MemberExpr>(Use)
                                     ? namedPointer(Use)
                                     : nullptr;
      return Pointer && Reads.Pointers.contains(Pointer) &&
                     Analyzer.isPointeeMutated(Use)
                 ? Walk::Stop
                 : Walk::Continue;
    });
    if (Written)
      return true;
  }
  llvm::SmallPtrSet<const CXXMethodDecl *, 8> Visited;
  return !Reads.ThisMembers.empty() &&
         writesThisMembers(Region, Reads.ThisMembers, Visited, Context);
}

} // namespace clang::tidy::maptidy
