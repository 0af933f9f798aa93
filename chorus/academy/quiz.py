"""Quizzes as owners write them in a text box, and back:

    ? How much time does the program ask of you?
    - An hour a day
    * About fifteen minutes a week
    > A look at the feed and one or two shares is plenty.

One question per block; "* " marks the one right answer, "> " an explanation shown afterwards.
"""

from django.utils.translation import gettext as _

from chorus.core.errors import ChorusError

QUESTIONS_MAX = 10
CHOICES_MAX = 6


def _error(line: int, message: str) -> ChorusError:
    return ChorusError(
        _("Quiz, line %(line)s: %(message)s") % {"line": line, "message": message},
        code="quiz_invalid",
        field="quiz",
    )


def quiz_parse(text: str) -> list[dict]:
    """The quiz in `text` as a list of questions; ChorusError names the line that is wrong."""
    questions: list[dict] = []
    current: dict | None = None
    start = 0

    def finish():
        if current is None:
            return
        if len(current["choices"]) < 2:
            raise _error(start, _("a question needs at least two answers."))
        if current["answer"] is None:
            raise _error(start, _("mark the right answer with “* ”."))
        questions.append(current)

    for number, raw in enumerate((text or "").replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        marker, rest = line[:1], line[1:].strip()
        if marker == "?":
            finish()
            if not rest:
                raise _error(number, _("the question is empty."))
            current = {"question": rest, "choices": [], "answer": None, "explanation": ""}
            start = number
        elif current is None:
            raise _error(number, _("start each question with “? ”."))
        elif marker in "-*":
            if not rest:
                raise _error(number, _("the answer is empty."))
            if marker == "*":
                if current["answer"] is not None:
                    raise _error(number, _("only one answer can be the right one."))
                current["answer"] = len(current["choices"])
            current["choices"].append(rest)
            if len(current["choices"]) > CHOICES_MAX:
                raise _error(number, _("a question has at most six answers."))
        elif marker == ">":
            current["explanation"] = (current["explanation"] + " " + rest).strip()
        else:
            raise _error(number, _("lines start with “?”, “-”, “*” or “>”."))
    finish()
    if len(questions) > QUESTIONS_MAX:
        raise ChorusError(_("A quiz has at most ten questions."), code="quiz_invalid", field="quiz")
    return questions


def quiz_format(questions: list[dict]) -> str:
    """The text box's form of a stored quiz (quiz_parse(quiz_format(q)) == q)."""
    blocks = []
    for question in questions:
        lines = [f"? {question['question']}"]
        for index, choice in enumerate(question["choices"]):
            lines.append(f"{'*' if index == question['answer'] else '-'} {choice}")
        if question.get("explanation"):
            lines.append(f"> {question['explanation']}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def quiz_check(questions: list[dict], answers: dict[int, int | None]) -> list[bool]:
    """Per question: was the given choice the right one?"""
    return [answers.get(index) == question["answer"] for index, question in enumerate(questions)]
