"""Interviews on the candidate's résumé: questions about their own projects, jobs and skills,
mixed into the plan, graded by the real grader; skills bring in the fields they point to."""

import math
import random

import pytest

from interviewer.engine.bank import read_bank
from interviewer.engine.grading import grade_answer
from interviewer.engine.planning import SHAPES, InterviewSetup, plan_interview
from interviewer.engine.resume.profile import Profile as ResumeProfile
from interviewer.engine.resume.questions import RESUME_DOMAIN, resume_questions
from interviewer.engine.resume.skills import domains_for
from interviewer.models import Interview, InterviewQuestion
from interviewer.services import load_question_bank
from resumes.models import Profile
from tests.resume_documents import RESUME


@pytest.fixture(scope="module")
def bank():
    return [q for d in read_bank() for q in d.questions]


@pytest.fixture
def profile():
    return ResumeProfile.from_dict({**RESUME, **RESUME["links"]})


def test_questions_are_about_the_candidates_own_projects_jobs_and_skills(profile):
    questions = resume_questions(profile)

    texts = [q.text for q in questions]
    assert texts[0] == (
        "In your project “Loom Tracker” you used React. What trade-offs did you weigh in choosing it, "
        "and how did it work out?"
    )
    assert texts[1].startswith(
        "As Software Engineer at Analytical Engines Ltd, your résumé says you built a reporting "
        "service in Django used by 1,200 analysts every week."
    )
    assert texts[2] == "Your résumé lists Python. Tell me about a time you used Python to solve a real problem."
    assert len({q.id for q in questions}) == len(questions)
    for q in questions:
        assert q.domain == RESUME_DOMAIN and q.type == "behavioural" and q.stage == "main"
        assert len(q.key_points) == 5 and q.model_answer and q.hint


def test_a_thin_resume_gives_few_questions_and_an_empty_one_none():
    assert resume_questions(ResumeProfile()) == []
    only_skills = resume_questions(ResumeProfile(skills=["Excel", "SQL"]))
    assert [q.text.split(".")[0] for q in only_skills] == ["Your résumé lists Excel", "Your résumé lists SQL"]


@pytest.mark.parametrize("minutes", [15, 30, 45])
def test_the_plan_mixes_resume_questions_in_and_takes_the_fields_the_skills_point_to(bank, profile, minutes):
    setup = InterviewSetup(
        position="Engineer", difficulty="medium", duration_minutes=minutes, type="mixed", use_resume=True
    )
    domains = domains_for(profile.skills)

    plan = plan_interview(
        setup, bank, rng=random.Random(4), resume_questions=resume_questions(profile), resume_domains=domains
    )

    shape = SHAPES[minutes]
    main = plan.questions[shape.openers : -1]
    about_resume = [q for q in main if q.domain == RESUME_DOMAIN]
    assert [q.stage for q in plan.questions] == ["opener"] * shape.openers + ["main"] * shape.main + ["wrapup"]
    assert len(about_resume) == math.ceil(shape.main / 3)
    kinds = [q.tags[-1] for q in about_resume]
    assert len(set(kinds)) == len(kinds)  # a project, a job, a skill: never two of a kind while others remain
    assert main[0].domain != RESUME_DOMAIN  # a bank question first, then they alternate
    assert {q.domain for q in main} - {RESUME_DOMAIN} <= set(domains[:2]) | {"behavioural"}
    assert domains[0] == "software-engineering"  # five of the six skills point to it


def test_a_chosen_field_wins_over_the_fields_of_the_skills(bank, profile):
    setup = InterviewSetup(
        position="Nurse",
        difficulty="easy",
        duration_minutes=30,
        type="technical",
        domain="healthcare-nursing",
        use_resume=True,
    )

    plan = plan_interview(
        setup,
        bank,
        rng=random.Random(2),
        resume_questions=resume_questions(profile),
        resume_domains=["software-engineering"],
    )

    assert {q.domain for q in plan.questions if q.stage == "main"} == {"healthcare-nursing", RESUME_DOMAIN}


def test_answers_to_resume_questions_are_graded_by_the_real_grader(profile):
    question = resume_questions(profile)[0]
    strong = (
        "The project was a web app for 15 weaving workshops that tracked their orders on paper. My goal was to "
        "give every workshop one board with all its orders. I compared React with plain server-rendered Django "
        "pages, and I decided on React because the board needed drag and drop and live updates, even though it "
        "meant a separate build step. I built the board and its API myself. As a result missed deadlines fell "
        "from about 12 a month to 2. Looking back, I would start with server-rendered pages and add React only "
        "for the board, because the build tooling slowed down every other page."
    )

    graded = {
        answer: grade_answer(
            question=question.text,
            model_answer=question.model_answer,
            key_points=question.key_points,
            question_type=question.type,
            answer=answer,
        )
        for answer in (strong, "It was fine, I think. I don't really remember.")
    }

    good, vague = graded.values()
    assert good.verdict == "correct" and len(good.covered) >= 4
    assert next(k for k in good.key_points if "hindsight" in k.point).evidence.startswith("Looking back")
    assert vague.verdict == "incorrect" and vague.covered == []


@pytest.mark.django_db
def test_asking_about_the_resume_from_the_setup_page(client, candidate):
    load_question_bank(read_bank())
    client.force_login(candidate)
    form = {
        "candidate_name": "Ada",
        "position": "Engineer",
        "domain": "",
        "topic": "",
        "use_resume": "on",
        "difficulty": "medium",
        "duration_minutes": "30",
        "type": "mixed",
        "camera": "recorded",
        "notice_read": "on",
    }

    refused = client.post("/interviews/new/", form)
    assert "There is no résumé to ask about yet" in refused.content.decode()
    assert not Interview.objects.exists()

    client.post(
        "/resume/paste/",
        {
            "text": "\n".join(
                [
                    RESUME["name"],
                    RESUME["email"],
                    "Projects",
                    "Loom Tracker — A web app in React that tracks orders.",
                    "Skills",
                    "Python, Django, JS",
                ]
            )
        },
    )
    started = client.post("/interviews/new/", form)

    interview = Interview.objects.get()
    assert started.url == f"/interviews/{interview.pk}/room/"
    questions = list(interview.questions.order_by("position"))
    from_resume = [q for q in questions if q.source == InterviewQuestion.Source.RESUME]
    assert len(from_resume) == 2 and all(q.bank_question is None for q in from_resume)
    project, skill = sorted(from_resume, key=lambda q: "Loom Tracker" not in q.text)  # one of each kind
    assert "In your project “Loom Tracker” you used React" in project.text
    assert skill.text.startswith("Your résumé lists ")
    fields = {q.bank_question.domain.slug for q in questions if q.bank_question and q.stage == "main"}
    assert fields <= {"software-engineering", "web-development", "behavioural"}
    assert Profile.objects.get(user=candidate).projects[0]["technologies"] == ["React"]
