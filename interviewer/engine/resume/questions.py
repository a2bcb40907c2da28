"""Interview questions about the candidate's own résumé: their projects, the achievements
they list and the skills they claim.

Nobody but the candidate knows the real answer, so each question is graded like a behavioural
one: its key points are rubric points ("States a measurable result…") that the grader checks
through the parts of the answer they ask for (situation, task, action, result, reflection; see
engine.grading), and its model answer describes what a strong answer covers.
"""

import re
from itertools import zip_longest

from interviewer.engine.bank import BankQuestion, Stage
from interviewer.engine.resume.profile import Experience, Profile, Project

RESUME_DOMAIN = "resume"  # the "domain" of these questions in a plan; no bank file has it
MAX_SKILL_QUESTIONS = 3
# The grader checks each rubric key point through the answer feature its words name (the first
# of reflection, result, action, task; else the situation): keep those words in these points,
# and keep names from the résumé out of them.
_SITUATION = "Sets the scene: what the work was for and who relied on it."
_TASK = "Names the goal or requirement they were responsible for meeting."
_ACTION = "Explains the steps they personally took, and why."
_RESULT = "States the outcome, with a measurable result where possible."
_REFLECTION = "Reflects on what they would do differently with hindsight."
_FIGURE = re.compile(r"\d")


def resume_questions(profile: Profile) -> list[BankQuestion]:
    """Questions on the profile, alternating projects, jobs and skills so that the first few
    cover different parts of the résumé."""
    projects = [_about_project(n, p) for n, p in enumerate(profile.projects, 1) if p.name.strip()]
    jobs = [
        _about_achievement(n, job) for n, job in enumerate(profile.experience, 1) if any(b.strip() for b in job.bullets)
    ]
    used = {t.lower() for p in profile.projects for t in p.technologies}
    skills = [
        _about_skill(n, s)
        for n, s in enumerate([s for s in profile.skills if s.lower() not in used][:MAX_SKILL_QUESTIONS], 1)
    ]
    return [q for group in zip_longest(projects, jobs, skills) for q in group if q is not None]


def _question(id: str, text: str, model_answer: str, hint: str, kind: str) -> BankQuestion:
    return BankQuestion(
        id=id,
        domain=RESUME_DOMAIN,
        difficulty="medium",
        type="behavioural",
        stage=Stage.MAIN,
        text=text,
        model_answer=model_answer,
        key_points=(_SITUATION, _TASK, _ACTION, _RESULT, _REFLECTION),
        hint=hint,
        tags=("resume", kind),
    )


def _about_project(n: int, project: Project) -> BankQuestion:
    name = project.name.strip()
    if project.technologies:
        tool = project.technologies[0]
        return _question(
            f"resume-project-{n}",
            f"In your project “{name}” you used {tool}. What trade-offs did you weigh in choosing it, and how did it "
            "work out?",
            f"A strong answer sets the scene of {name} and what it had to do, names the requirement that {tool} had to "
            f"meet, compares {tool} with at least one alternative that was considered (fit to the problem, what the "
            "team knew, cost, speed, support), explains the decision and the steps taken to make it work, gives the "
            "outcome with a figure where possible, and says what they would choose or do differently now.",
            f"Think of what else you could have used instead of {tool}, and the one reason it won.",
            "project",
        )
    return _question(
        f"resume-project-{n}",
        f"Tell me about your project “{name}”: what was your own part in it, and what was the hardest problem you "
        "solved?",
        f"A strong answer sets the scene of {name}, separates the candidate's own part from the team's, describes "
        "the hardest problem met and the steps taken to solve it, gives a concrete result (users, time saved, "
        "grade, feedback) and reflects on one thing they would do differently.",
        "Focus on one problem you solved yourself, then what came of it.",
        "project",
    )


def _about_achievement(n: int, job: Experience) -> BankQuestion:
    bullets = [b.strip() for b in job.bullets if b.strip()]
    bullet = next((b for b in bullets if _FIGURE.search(b)), bullets[0]).rstrip(".")
    where = " at ".join(p for p in (job.title.strip(), job.employer.strip()) if p) or "in that role"
    role = (
        f"As {where}"
        if job.title.strip()
        else f"In your role {where}"
        if job.employer.strip()
        else "In one of your roles"
    )
    quoted = bullet[0].lower() + bullet[1:] if bullet[:2] != bullet[:2].upper() else bullet
    return _question(
        f"resume-experience-{n}",
        f"{role}, your résumé says you {quoted}. Walk me through how you did that and what came of it.",
        f"A strong answer explains the situation behind “{bullet}”, the candidate's own responsibility in it, the "
        "specific steps they took (as distinct from the team's), how the result was measured and what it was, "
        "and what they learned or would change.",
        "Use the STAR order: situation, task, what you did, and the result.",
        "experience",
    )


def _about_skill(n: int, skill: str) -> BankQuestion:
    return _question(
        f"resume-skill-{n}",
        f"Your résumé lists {skill}. Tell me about a time you used {skill} to solve a real problem.",
        f"A strong answer picks one concrete occasion, explains the problem and what was needed, describes how "
        f"{skill} was applied step by step and why it suited the problem, gives the result with a figure where "
        "possible, and says what they would do differently or learned about using it well.",
        f"Pick one specific occasion where {skill} made the difference, not a general description.",
        "skill",
    )
