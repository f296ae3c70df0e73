"""The platform's tables as shown (see :mod:`sheets.outputs`): upload codes and the audit
trail."""

from __future__ import annotations

from sheets.outputs import OutputColumn, OutputTable

UPLOAD_CODES = OutputTable("upload_codes", "已发放的上传码", "Codes issued", (
    OutputColumn("code_id", "编号", "Id", "int"),
    OutputColumn("school_code", "学校代码", "School code"),
    OutputColumn("issued_at", "发放时间", "Issued at", "datetime"),
    OutputColumn("expires_at", "到期时间", "Expires at", "datetime"),
    OutputColumn("issued_by", "发放人", "Issued by"),
    OutputColumn("revoked_at", "撤销时间", "Revoked at", "datetime"),
    OutputColumn("revoked_by", "撤销人", "Revoked by"),
    OutputColumn("active", "有效", "Active", "bool"),
))
AUDIT = OutputTable("audit_log", "操作日志", "Audit trail", (
    OutputColumn("logged_at", "时间", "Time", "datetime", width=17),
    OutputColumn("sentence", "事件", "What happened", width=80),
))
AUDIT_DETAIL = OutputTable("audit_detail", "日志原始记录", "Raw audit entries", (
    OutputColumn("audit_id", "日志编号", "Entry", "int"),
    OutputColumn("logged_at", "时间", "Time", "datetime"),
    OutputColumn("actor", "操作人", "Who"),
    OutputColumn("action", "操作", "Action"),
    OutputColumn("detail", "原始记录（JSON）", "Raw detail (JSON)"),
))
# Saved column-mapping profiles (core.profiles.profile_frame), on the 列对应配置 page.
MAPPING_PROFILES = OutputTable("mapping_profiles", "已保存的列对应配置", "Saved column mappings", (
    OutputColumn("signature", "格式签名", "Signature"),
    OutputColumn("spec_name", "表格", "Sheet type"),
    OutputColumn("n_headers", "列数", "Headers", "int"),
    OutputColumn("n_read", "读取列数", "Read", "int"),
    OutputColumn("n_declined", "不读取列数", "Not read", "int"),
    OutputColumn("created_by", "确认人", "Confirmed by"),
    OutputColumn("created_at", "确认时间", "Confirmed", "datetime"),
    OutputColumn("updated_by", "修改人", "Changed by"),
    OutputColumn("updated_at", "修改时间", "Changed", "datetime"),
    OutputColumn("times_used", "使用次数", "Times used", "int"),
    OutputColumn("last_used_at", "最近使用", "Last used", "datetime"),
))
