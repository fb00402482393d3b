"""Jurisdictions, agencies, roles and users: data only. Rules live in services.py and scope.py."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from .fields import EncryptedTextField, LookupDigestField
from .roles import DataScope, OversightFunction, RoleKind


class JurisdictionLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class Jurisdiction(models.Model):
    """行政区划 (GB/T 2260; townships GB/T 10114)."""

    code = models.CharField("行政区划代码", max_length=9, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=JurisdictionLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", "政府"
    DEPARTMENT = "department", "部门"
    SECTION = "section", "科室"
    TOWNSHIP = "township", "乡镇（街道）"
    ENFORCEMENT_UNIT = "enforcement_unit", "执法机构"


# 行政机关 that act in their own name: a 内设机构 (科室) or an 执法机构 under a department has no legal
# personality of its own and cannot be a 制定机关 or a reviewing organ
ORGAN_KINDS = frozenset({AgencyKind.GOVERNMENT, AgencyKind.DEPARTMENT, AgencyKind.TOWNSHIP})


class Agency(models.Model):
    """机关 / 单位 / 部门 / 科室: one tree across every level of one deployment."""

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    # 机关代字 of its 文号 and 案号 (e.g. 示政 in 示政规〔2026〕3号); blank: the 简称 stands in (fazhi.numbering)
    code_word = models.CharField("机关代字", max_length=10, blank=True)
    kind = models.CharField("类型", max_length=20, choices=AgencyKind.choices)
    uscc = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True, unique=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="agencies", verbose_name="行政区划"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级单位"
    )
    # Materialized path of zero-padded ids ("000001/000004/"): 本部门及以下 is a prefix query.
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    # 分管领导: the leader of its government in charge of this department; what must be signed in the
    # government's name (a 行政复议决定, 第六十一条) routes to them (fazhi.org.selectors.leader_in_charge)
    leader_in_charge = models.ForeignKey(
        "User", on_delete=models.SET_NULL, null=True, blank=True, related_name="agencies_in_charge",
        verbose_name="分管领导")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["path"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="agency_unique_name_in_parent"),
                       models.UniqueConstraint(fields=["code_word"], condition=~models.Q(code_word=""),
                                               name="agency_unique_code_word")]

    def __str__(self) -> str:
        return self.name


class FunctionAssignment(models.Model):
    """职能授权: ``agency`` performs ``function`` on behalf of ``on_behalf_of`` from ``valid_from`` until
    ``valid_until`` (inclusive; open-ended when blank). On behalf of a government it covers the
    government and its departments (not the lower governments, which have their own); on behalf of a
    department, that department and its subtree (e.g. a department's own 法制机构)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="functions_performed",
                               verbose_name="履职单位")
    function = models.CharField("职能", max_length=30, choices=OversightFunction.choices)
    on_behalf_of = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="functions_received",
                                     verbose_name="服务对象")
    valid_from = models.DateField("起始日期")
    valid_until = models.DateField("截止日期", null=True, blank=True)
    basis = models.CharField("依据", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "职能授权"
        verbose_name_plural = "职能授权"
        ordering = ["on_behalf_of__path", "function", "valid_from"]
        indexes = [models.Index(fields=["agency", "function"], name="org_function_by_agency")]
        constraints = [models.CheckConstraint(condition=models.Q(valid_until__isnull=True)
                                              | models.Q(valid_until__gte=models.F("valid_from")),
                                              name="org_function_dates_in_order")]

    def __str__(self) -> str:
        return f"{self.agency} 为 {self.on_behalf_of} 履行{self.get_function_display()}"


class Role(models.Model):
    """A named role: its kind decides what it may do, its data scope which records it sees."""

    name = models.CharField("角色名称", max_length=50, unique=True)
    kind = models.CharField("角色类型", max_length=20, choices=RoleKind.choices)
    data_scope = models.CharField("数据权限", max_length=20, choices=DataScope.choices)
    custom_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="+", verbose_name="自定义数据范围（单位）"
    )
    # 科室 staff act through the functions of their agency (the 司法局 as 复议机构 of its government…)
    # when their role says so; ``functions`` limits that to some kinds (empty: every function)
    acts_through_functions = models.BooleanField("通过本单位职能办理", default=False)
    functions = models.JSONField("限于职能", default=list, blank=True)
    requires_two_factor = models.BooleanField("强制双因素登录", default=False)
    is_active = models.BooleanField("启用", default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "角色"
        verbose_name_plural = "角色"
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def function_labels(self) -> list[str]:
        return [str(OversightFunction(f).label) for f in self.functions if f in OversightFunction.values]


class FazhiUserManager(UserManager):
    pass


class User(AbstractUser):
    """A person who signs in. Personal identifiers are SM4-encrypted; lookups use their digests."""

    full_name = models.CharField("姓名", max_length=50)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, related_name="users", verbose_name="所属单位"
    )
    roles = models.ManyToManyField(Role, blank=True, related_name="users", verbose_name="角色")
    id_number = EncryptedTextField("公民身份号码", blank=True, default="")
    id_number_digest = LookupDigestField(source="id_number")
    mobile = EncryptedTextField("手机号码", blank=True, default="")
    mobile_digest = LookupDigestField(source="mobile")
    must_change_password = models.BooleanField("须修改初始密码", default=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FazhiUserManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username
