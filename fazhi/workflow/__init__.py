"""A small declarative state machine that every procedure declares once (STYLE.md §3).

    RECONSIDERATION = Workflow(
        name="reconsideration", states=State, initial=State.RECEIVED,
        transitions=[Transition("accept", "受理", source=[State.REVIEW], target=State.ACCEPTED,
                                permission=Capability.HANDLE_RECONSIDERATION, guard=_acceptable)],
    )

* the state field is a :class:`StateField`: assigning it outside a transition raises;
* a transition without a permission is denied to everyone;
* ``available(obj, user)`` gives the buttons; ``apply`` checks source, permission and guard;
* ``transition(...)`` locks the row (``select_for_update``) and checks ``version``: of many
  concurrent attempts at the same transition exactly one wins, the others get a clear error.
"""

__all__ = [
    "ANY",
    "PUBLIC",
    "SYSTEM",
    "Approval",
    "GuardError",
    "InputError",
    "StateField",
    "Transition",
    "TransitionNotAllowed",
    "Workflow",
    "WorkflowModelMixin",
    "state_change_allowed",
    "who",
]


def __getattr__(name: str):
    # the names load on first use: the package is also a Django app (its start-up checks), so
    # importing it must not define models before the app registry is ready
    if name in __all__:
        from fazhi.workflow import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
