from fazhi.platform.manifests import Manifest

MANIFEST = Manifest(
    app="workflow",
    label="流程",
    audit_codes={
        "workflow.approval_submit": "提交审批",
        "workflow.approval_approve": "审批同意",
        "workflow.approval_return": "审批退回",
    },
    task_kinds={"workflow.approval": "审批", "workflow.approval_returned": "审批退回"},
)
