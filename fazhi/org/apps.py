from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "fazhi.org"
    label = "org"
    verbose_name = "组织机构与用户"

    def ready(self) -> None:
        from . import checks, signals  # noqa: F401
        from .scope import register_from_manifests, register_org_models

        register_org_models()
        register_from_manifests()

        from fazhi.audit import chains

        from .audit_chains import agency_of_record, chain_of_agency

        chains.configure(chain_of_agency=chain_of_agency, agency_of=agency_of_record)
