"""The job-readiness score: its parts add up, every lost point comes with a concrete tip, and
the keyword part names what a job description asks for and the profile doesn't show."""

from dataclasses import replace

import pytest

from interviewer.engine.resume.profile import Experience, Profile, parse_profile
from interviewer.engine.resume.readiness import readiness
from tests.resume_documents import RESUME


@pytest.fixture
def profile():
    return Profile.from_dict({**RESUME, **RESUME["links"]})


def assert_every_lost_point_has_a_tip(result):
    assert 0 <= result.score <= 100
    assert result.score == round(100 * sum(p.earned for p in result.parts) / sum(p.out_of for p in result.parts))
    for part in result.parts:
        assert 0 <= part.earned <= part.out_of, part
        assert bool(part.tips) == (part.earned < part.out_of), part
        assert part.detail


def test_a_complete_profile_loses_points_only_where_it_falls_short(profile):
    result = readiness(profile)

    parts = {p.key: p for p in result.parts}
    assert set(parts) == {"sections", "contact", "quantified", "verbs", "length"}  # no job description: no keyword part
    assert parts["sections"].earned == parts["sections"].out_of
    assert parts["contact"].earned == parts["contact"].out_of
    assert parts["quantified"].detail == "4 of 5 achievements contain a figure."
    assert parts["length"].earned < parts["length"].out_of and "Add about" in parts["length"].tips[0]
    assert_every_lost_point_has_a_tip(result)


def test_an_empty_profile_gets_a_tip_for_each_missing_thing():
    result = readiness(Profile())

    parts = {p.key: p for p in result.parts}
    assert result.score == 0
    assert len(parts["sections"].tips) == 5 and len(parts["contact"].tips) == 4
    assert "Add a Skills section" in " ".join(parts["sections"].tips)
    assert_every_lost_point_has_a_tip(result)


def test_achievements_without_figures_or_action_verbs_are_quoted_in_the_tips(profile):
    vague = replace(
        profile,
        experience=[
            Experience(
                "Assistant",
                "Shop",
                "2020",
                [
                    "Responsible for the stock room",
                    "Helped customers",
                    "Worked on the rota",
                    "Organised the summer sale",
                ],
            )
        ],
    )

    result = readiness(vague)

    parts = {p.key: p for p in result.parts}
    assert parts["quantified"].detail == "0 of 4 achievements contain a figure."
    assert "“Responsible for the stock room”" in parts["quantified"].tips[0]
    assert parts["verbs"].detail == "1 of 4 achievements start with an action verb."
    assert (
        "“Responsible for the stock room” (“responsible for” says you were there, not what you did)"
        in parts["verbs"].tips[0]
    )
    assert readiness(profile).score > result.score
    assert_every_lost_point_has_a_tip(result)


def test_a_job_description_adds_a_keyword_part_with_the_missing_skills(profile):
    job = "We need JS, React and TypeScript, Postgres, and Kubernetes on AWS."

    result = readiness(profile, job)

    keywords = next(p for p in result.parts if p.key == "keywords")
    assert result.job_skills == ["JavaScript", "React", "TypeScript", "PostgreSQL", "Kubernetes", "AWS"]
    # React is in a project, AWS in a certificate: both count as shown.
    assert result.matched_keywords == ["JavaScript", "React", "PostgreSQL", "AWS"]
    assert result.missing_keywords == ["TypeScript", "Kubernetes"]
    assert keywords.earned == round(20 * 4 / 6, 1)
    assert "asks for TypeScript and Kubernetes" in keywords.tips[0]
    assert_every_lost_point_has_a_tip(result)


def test_a_job_description_naming_no_known_skill_adds_no_part(profile):
    result = readiness(profile, "A friendly team in a sunny office.")

    assert [p.key for p in result.parts] == ["sections", "contact", "quantified", "verbs", "length"]
    assert result.job_skills == []


def test_a_very_long_resume_is_told_how_much_to_cut():
    text = "Jo Bloggs\njo@example.com\n\nExperience\nClerk, Office, 2019 – 2020\n" + "\n".join(
        f"• Filed {n} reports on time for the regional office team" for n in range(200)
    )

    length = next(p for p in readiness(parse_profile(text)).parts if p.key == "length")

    assert length.earned == 0 and length.tips[0].startswith("Cut about")


def test_verbs_of_sales_care_teaching_and_finance_count_and_a_tool_label_does_not_hide_the_verb(profile):
    bullets = [
        "Exceeded quota by 20% for six quarters",
        "Closed $3.2M in new business",
        "Sold 40 service plans",
        "Administered IV medications to 6 patients a shift",
        "Taught 28 pupils Year 9 maths",
        "Reconciled 12 accounts monthly",
        "TensorFlow: built a churn model",
        "Lead daily handovers for the ward",
        "Rewrote the billing export",
        "Fixed 5 bugs in the scheduler",
    ]
    sales = replace(profile, experience=[Experience("Account Executive", "Acme", "2020", bullets)])

    verbs = next(p for p in readiness(sales).parts if p.key == "verbs")

    assert verbs.detail == "10 of 10 achievements start with an action verb."
    assert not verbs.tips


def test_a_nurse_is_not_asked_for_projects_and_found_details_are_not_asked_for():
    nurse = Profile(
        name="Ada Jones",
        email="ada@example.org",
        phone="+44 7700 900123",
        summary="Registered nurse.",
        skills=["Wound care"],
        experience=[Experience("Staff Nurse", "St Mary's Hospital", "2019 – 2021", ["Cared for 6 patients a shift"])],
        education=[],
    )

    result = readiness(nurse)

    tips = " ".join(tip for part in result.parts for tip in part.tips)
    assert result.line_of_work == "care"
    assert "project" not in tips.lower() and "your full name" not in tips and "Add an email" not in tips
    assert "Add your education" in tips


def test_a_section_whose_entries_could_not_be_read_is_not_called_missing():
    profile = parse_profile("Sam Lee\nsam@example.org\nExperience\nLots of things happened in my career so far.\n")

    tips = " ".join(tip for part in readiness(profile).parts for tip in part.tips)

    assert profile.unsure == ["experience"]
    assert "Your résumé has an experience section, but its jobs couldn't be read" in tips
    assert "Add your work experience" not in tips
