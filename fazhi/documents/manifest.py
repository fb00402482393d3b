from fazhi.platform.manifests import Manifest

MANIFEST = Manifest(
    app="documents",
    audit_codes={
        "documents.generate": "生成公文文件",
        "documents.upload": "上传文件",
    },
)
