"""What a consultation notice says about commenting on a draft: where, and until when.

A draft published for comment comes with a notice (``若有修改意见和建议，请于2025年9月4日前
寄送至……，或者发送邮件至……``); ``split`` keeps it as the regulation's notices. This reads
from it the e-mail address, the postal address, the office letters go to and the last
day comments are taken.
"""

from __future__ import annotations

import re

from comparator.model import CommentChannel
from comparator.text.numerals import find_date

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# The sentence that sets the deadline: 请于…前 / 截止 / 截至, and 意见.
_DEADLINE = re.compile(r"(?:于|在)(?P<date>[^，,。；;]{6,16}?日)(?:前|以前|之前)|(?:截止|截至)")
_ADDRESS = re.compile(r"(?:联系|通信|通讯|邮寄)地址\s*[:：]\s*(?P<address>.+)")
_RECIPIENT = re.compile(r"(?:寄送至|寄至|送至|邮寄至)(?P<recipient>[^，,。；;或]+)")


def comment_channel(notices: list[str]) -> CommentChannel | None:
    """The comment channel a notice describes, or None when it names no deadline."""
    deadline = email = address = recipient = ""
    for line in notices:
        if not deadline and "意见" in line and _DEADLINE.search(line):
            deadline = find_date(line)
        if not email and (found := _EMAIL.search(line)):
            email = found.group()
        if not address and (found := _ADDRESS.search(line)):
            address = found["address"].strip()
        if not recipient and (found := _RECIPIENT.search(line)):
            recipient = found["recipient"].strip()
    if not deadline or not (email or address):
        return None
    return CommentChannel(email, address, recipient, deadline)
