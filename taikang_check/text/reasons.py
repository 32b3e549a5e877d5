"""The particulars of a problem (`detail["reason"]`) in Chinese.

The layers below write them in English, as the JSON report keeps them (stable for scripts);
the reasons this project writes itself, and the operating system's usual ones, are shown in
Chinese in `--lang zh`. A library's own message (a parser's, say) stays as it came: it names
what the library saw, and a guess at translating it would be worse than the original.
"""

from __future__ import annotations

import re

REASON_ZH = {
    "not a folder": "不是文件夹",
    "not a regular file (a device, a pipe or a folder)": "不是普通文件（是设备、管道或文件夹）",
    "not a file in an existing folder": "所在的文件夹不存在",
    "exists (use --force to replace it)": "文件已存在（加 --force 可覆盖）",
    "larger than 2 GiB": "大于 2 GiB",
    "nested too deeply": "嵌套层数过多",
    # What the operating system says (C library wording) for the errors users meet.
    "Permission denied": "没有权限",
    "No space left on device": "磁盘空间已满",
    "Read-only file system": "文件系统只读",
    "No such file or directory": "文件或文件夹不存在",
    "Is a directory": "这是文件夹",
    "Not a directory": "路径中有一项不是文件夹",
    "File name too long": "文件名过长",
    "Disk quota exceeded": "超出磁盘配额",
    "Too many levels of symbolic links": "符号链接层数过多",
    "Input/output error": "读写错误（设备或网络盘）",
}
PATTERN_ZH = (
    (re.compile(r"more than ([\d,]+) columns"), "超过 {0} 列"),
    (
        re.compile(r"declares ([\d,]+) cells and holds ([\d,]+)"),
        "声明 {0} 个单元格，实际只有 {1} 个",
    ),
)


def reason_text(reason: str, lang: str) -> str:
    if lang == "en" or not reason:
        return reason
    if reason in REASON_ZH:
        return REASON_ZH[reason]
    for pattern, template in PATTERN_ZH:
        found = pattern.fullmatch(reason)
        if found:
            return template.format(*found.groups())
    return reason
