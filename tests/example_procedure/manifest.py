"""Everything the example procedure plugs into the platform — and nothing outside this folder
was edited to add it (besides the one INSTALLED_APPS line)."""

from fazhi.org.roles import RoleKind
from fazhi.platform.events import Subscriber
from fazhi.platform.manifests import (
    DailyJob,
    Indicator,
    LegalReviewKind,
    Manifest,
    NavItem,
    NavSection,
    PortalEntry,
    Scoped,
    Through,
    Urls,
)

from .workflow import HANDLE, SUGGESTION, VIEW

MANIFEST = Manifest(
    app="example",
    label="群众意见办理",
    workflows=(SUGGESTION,),
    capabilities={VIEW: "查阅群众意见", HANDLE: "办理群众意见"},
    grants={RoleKind.DEPT_ADMIN: frozenset({VIEW, HANDLE}), RoleKind.LEADER: frozenset({VIEW})},
    urls=(Urls("example/", "tests.example_procedure.urls"),
          Urls("example/", "tests.example_procedure.portal_urls", portal=True)),
    # the 依法治理办公室 of a government oversees how its departments answer (an oversight function)
    scoped=(Scoped("example.Suggestion", agency_field="agency", owner_field="created_by",
                   through=(Through("rule_of_law_office", "agency"),)),),
    nav=(NavSection("群众意见", (NavItem("群众意见", "example:list", VIEW),), order=990),),
    portal=(PortalEntry("群众意见答复", "portal_example:answered", "已答复的群众意见"),),
    audit_codes={"example.receive": "收到群众意见"},
    task_kinds={"example.answer": "答复群众意见"},
    daily=(DailyJob("example.lapse", "已答复的群众意见自动办结", "tests.example_procedure.jobs.lapse"),),
    events={"example.answered": "群众意见已答复"},
    subscribers=(Subscriber("example.answered", "tests.example_procedure.reactions.answered"),),
    indicators=(Indicator("example.answered_on_time", "按期答复群众意见数", "件",
                          "tests.example_procedure.indicators.answered_on_time", feeds="政务服务"),),
    scope_samples="tests.example_procedure.samples.SAMPLES",
    legal_review_kinds=(LegalReviewKind("example_reply", "群众意见答复口径合法性审核",
                                        (("draft", "答复口径稿"), ("basis", "答复依据")),
                                        clock="normative_document.legality_review_max"),),
)
