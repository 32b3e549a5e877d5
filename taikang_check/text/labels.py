"""Words shared by every renderer, each (zh, en) pair defined once: the statuses, the verdict,
severities, and the table of words several reports use (`WORDS`). A renderer's own table refers
to these (`WORDS["rule"]`) and holds only the words no other renderer uses."""

from __future__ import annotations

from taikang_check.report.model import Status


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


STATUS_TEXT: dict[Status, tuple[str, str]] = {
    Status.PASS: ("通过", "pass"),
    Status.FAIL: ("不合格", "fail"),
    Status.PENDING: ("未到期", "pending"),
    Status.UNKNOWN: ("数据缺失", "unknown"),
    Status.SKIPPED: ("未检查", "skipped"),
    Status.NOT_APPLICABLE: ("不适用", "not applicable"),
}
# The audit's verdict (contract §4) and the coverage line under it.
VERDICT_TEXT = {
    "pass": ("合格", "pass"),
    "fail": ("不合格", "fail"),
    "undecided": ("待定（数据缺失）", "undecided (data missing)"),
}
VERDICT_LABEL = ("结论", "Verdict")
COVERAGE_TEXT = (
    "已核查 {assessed} / 适用 {applicable} 条到期规则",
    "{assessed} of {applicable} due rules assessed",
)
SEVERITY_TEXT = {"error": ("错误", "error"), "warning": ("警告", "warning")}
