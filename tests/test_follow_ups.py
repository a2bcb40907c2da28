from interviewer.engine.followups import follow_up_for


def test_a_decision_the_candidate_describes_is_followed_up():
    answer = ("Our reporting pipeline took hours every day, and after some discussion we decided to move the heavy "
              "reports to a nightly batch job because daytime load was hurting customers.")

    follow_up = follow_up_for(answer)

    assert follow_up.about == "move the heavy reports to a nightly batch job"
    assert follow_up.text.startswith("You said you decided to move the heavy reports to a nightly batch job.")
    assert len(follow_up.key_points) == 4


def test_something_the_candidate_built_is_followed_up_with_their_own_verb():
    answer = ("In my last internship I built a dashboard for the support team so managers could see response "
              "times across every region each morning before their stand-up meeting.")

    assert follow_up_for(answer).text.startswith("You mentioned that you built a dashboard.")


def test_a_named_technology_is_followed_up_in_its_usual_spelling():
    answer = ("Most of my work was in python and postgresql on a small team building internal tools, and I enjoyed "
              "learning to write good tests and review code with others.")

    follow_up = follow_up_for(answer)

    assert follow_up.about == "Python"
    assert "alternative to Python" in follow_up.key_points[0]


def test_a_quoted_figure_is_followed_up():
    answer = ("With better onboarding emails and a clearer pricing page the churn went down: we reduced churn by 12% "
              "in one quarter, which leadership noticed and funded further.")

    assert "reduced churn by 12%" in follow_up_for(answer).text


def test_nothing_concrete_or_too_short_means_no_follow_up():
    assert follow_up_for("I am hard working and motivated and I think I would be a really good fit for this job "
                         "because I like working with people and learning new things every day.") is None
    assert follow_up_for("We decided to use Python.") is None


def test_words_inside_other_words_are_not_technologies():
    answer = ("I enjoy going to the gym and reading; my goal is to keep learning and to grow into a role where "
              "I can mentor others and take on more responsibility over time.")

    assert follow_up_for(answer) is None  # "Go" inside "going", "R" inside words, "Lean" not present
