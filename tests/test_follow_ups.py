from interviewer.engine.followups import FollowUp, follow_up_for


def test_a_decision_the_candidate_describes_is_followed_up():
    answer = (
        "Our reporting pipeline took hours every day, and after some discussion we decided to move the heavy "
        "reports to a nightly batch job because daytime load was hurting customers."
    )

    follow_up = follow_up_for(answer)

    assert follow_up.about == "move the heavy reports to a nightly batch job"
    assert follow_up.text.startswith("You said you decided to move the heavy reports to a nightly batch job.")
    assert len(follow_up.key_points) == 4


def test_something_the_candidate_built_is_followed_up_with_their_own_verb():
    answer = (
        "In my last internship I built a dashboard for the support team so managers could see response "
        "times across every region each morning before their stand-up meeting."
    )

    assert follow_up_for(answer).text.startswith("You mentioned that you built a dashboard.")


def test_a_named_technology_is_followed_up_in_its_usual_spelling():
    answer = (
        "Most of my work was in python and postgresql on a small team building internal tools, and I enjoyed "
        "learning to write good tests and review code with others."
    )

    follow_up = follow_up_for(answer)

    assert follow_up.about == "Python"
    assert "alternative to Python" in follow_up.key_points[0]


def test_a_quoted_figure_is_followed_up():
    answer = (
        "With better onboarding emails and a clearer pricing page the churn went down: we reduced churn by 12% "
        "in one quarter, which leadership noticed and funded further."
    )

    assert "reduced churn by 12%" in follow_up_for(answer).text


def test_nothing_concrete_or_too_short_means_no_follow_up():
    assert (
        follow_up_for(
            "I am hard working and motivated and I think I would be a really good fit for this job "
            "because I like working with people and learning new things every day."
        )
        is None
    )
    assert follow_up_for("We decided to use Python.") is None


def test_words_inside_other_words_are_not_technologies():
    answer = (
        "I enjoy going to the gym and reading; my goal is to keep learning and to grow into a role where "
        "I can mentor others and take on more responsibility over time."
    )

    assert follow_up_for(answer) is None  # "Go" inside "going", "R" inside words, "Lean" not present


# The whole follow-up of each kind, written out by hand: the templates' exact words, the type and the hint.
def test_the_whole_follow_up_on_a_decision():
    answer = (
        "Our reporting pipeline took hours every day, and after some discussion we decided to move the heavy "
        "reports to a nightly batch job because daytime load was hurting customers."
    )

    assert follow_up_for(answer) == FollowUp(
        text="You said you decided to move the heavy reports to a nightly batch job. How did you reach that decision, "
        "and how did you know it was the right call?",
        model_answer="A strong answer explains the problem that made the decision to move the heavy reports "
        "to a nightly batch job necessary, the options that were weighed and the criteria used to compare "
        "them (cost, risk, time, the people affected), who was consulted, and the evidence afterwards that showed "
        "whether it worked, with a measurable outcome and what they would do differently now.",
        key_points=(
            "Describes the other options that were considered before deciding.",
            "Explains the criteria or evidence used to choose between the options.",
            "Says who was involved or consulted in the decision.",
            "Gives a measurable outcome that showed whether the decision worked.",
        ),
        hint="Think about the alternatives you had on the table and what convinced you.",
        type="situational",
        about="move the heavy reports to a nightly batch job",
    )


def test_the_whole_follow_up_on_work_they_led_in_their_own_words_tidied():
    # "Led" is lowercased, "our" becomes "the", and the phrase stops at "to".
    answer = (
        "At my last company I Led our migration to the cloud for the billing service, which took most of a "
        "year and involved three teams working across two time zones."
    )

    assert follow_up_for(answer) == FollowUp(
        text="You mentioned that you led the migration. What was your own contribution, and what would you do "
        "differently now?",
        model_answer="A strong answer separates the candidate's own part in the migration from the team's, "
        "describes a specific difficulty met along the way and how they handled it, gives a concrete result "
        "(users, time saved, quality), and reflects honestly on one thing they would change with hindsight.",
        key_points=(
            "Explains clearly what they personally did, as distinct from the team.",
            "Describes a specific difficulty and how they handled it.",
            "States a concrete result or impact of the work.",
            "Names something they would do differently with hindsight.",
        ),
        hint="Focus on your own part, then one thing you learned.",
        type="behavioural",
        about="the migration",
    )


def test_the_whole_follow_up_on_a_tool():
    answer = (
        "Most of my work was in python and postgresql on a small team building internal tools, and I enjoyed "
        "learning to write good tests and review code with others."
    )

    assert follow_up_for(answer) == FollowUp(
        text="You mentioned Python. Why was it the right choice there, "
        "and what was the hardest problem you hit with it?",
        model_answer="A strong answer names the alternatives to Python that were considered and the criteria that "
        "decided the choice (fit to the problem, team skills, cost, performance, support), describes a "
        "specific problem met while using Python and how it was solved, and says what they would do "
        "differently next time.",
        key_points=(
            "Names at least one alternative to Python that was considered.",
            "Explains why Python suited the problem better than the alternatives.",
            "Describes a specific problem met with Python and how it was solved.",
            "Says what they would do differently next time.",
        ),
        hint="Think about what else you could have used, and one concrete difficulty you ran into.",
        type="technical",
        about="Python",
    )


def test_the_whole_follow_up_on_a_figure():
    answer = (
        "With better onboarding emails and a clearer pricing page the churn went down: we reduced churn by 12% "
        "in one quarter, which leadership noticed and funded further."
    )

    assert follow_up_for(answer) == FollowUp(
        text="You said you reduced churn by 12%. How did you measure that, and what else could explain the change?",
        model_answer="A strong answer says where the figure came from (the metric, the data source and the period "
        "compared), how the baseline was established, what other factors might have contributed and how "
        "they were ruled out or accounted for, and how the result was reported to others.",
        key_points=(
            "Names the metric and where the data came from.",
            "Explains the baseline or the period it was compared against.",
            "Considers other factors that could explain the change.",
            "Describes how the result was shared or used afterwards.",
        ),
        hint="Think about the data behind the number and the before-and-after comparison.",
        type="situational",
        about="reduced churn by 12%",
    )


def test_a_decision_comes_before_work_a_tool_or_a_figure():
    answer = (
        "I built a reporting service in Python that reduced load by 30%, and later we decided to split the "
        "service into two parts so that each team could deploy on its own schedule."
    )

    assert follow_up_for(answer).about == "split the service into two parts"


def test_a_tool_comes_before_a_figure():
    answer = (
        "Over the summer the support queue shrank a great deal once the new process settled in: response times "
        "improved by 40% after we moved every ticket into Zendesk and tagged them."
    )

    assert follow_up_for(answer).about == "Zendesk"
