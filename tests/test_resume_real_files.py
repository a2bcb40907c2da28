"""Public résumés nobody here made (tests/data/resumes/, sources in its README), read into
profiles: the expected values below were written by hand from reading each document."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from interviewer.engine.resume.extract import extract_text
from interviewer.engine.resume.profile import UNSURE, parse_profile
from interviewer.engine.resume.readiness import readiness
from tests.resume_documents import png_image

DATA = Path(__file__).parent / "data" / "resumes"


def read(name: str):
    extracted = extract_text((DATA / name).read_bytes())
    return extracted, parse_profile(extracted.text, extracted.links, extracted.headings)


def jobs(profile) -> list[tuple[str, str, str]]:
    return [(job.title.lower(), job.employer.lower(), job.dates) for job in profile.experience]


def test_tightly_set_latex_keeps_its_spaces_and_its_awards_stay_awards():
    extracted, profile = read("deedy.pdf")

    assert "Led and shipped Yoda - the admin interface for the new Phoenix platform." in extracted.text
    # "Over 1000 lines:" and "Over 5000 lines:" label groups of languages; they are not skills.
    assert {"C++", "Assembly", "PHP"} <= set(profile.skills) and not any("lines" in skill for skill in profile.skills)
    assert jobs(profile) == [
        ("software engineer", "facebook", "Jan 2015 - Present"),
        ("kpcb fellow + software engineering intern", "coursera", "June 2014 – Sep 2014"),
        ("software engineering intern", "google", "May 2013 – Aug 2013"),
        ("open source contributor & team leader", "phabricator", "Jan 2013 – May 2013"),
        ("researcher", "cornell robot learning lab", "Jan 2014 – Jan 2015"),
        ("head undergraduate researcher", "cornell phonetics lab", "Mar 2012 – May 2013"),
    ]
    # The wrapped end of a bullet stays with it, not taken for the next job's heading.
    assert profile.experience[1].bullets[2].endswith("Jade, Stylus and Require and Scala using Play")
    assert len(profile.awards) == 6 and len(profile.publications) == 2
    # Written as "LinkedIn:// debarghyadas"; the link annotation holds the address.
    assert (profile.linkedin, profile.github, profile.portfolio) == (
        "https://www.linkedin.com/in/debarghyadas",
        "https://github.com/deedydas",
        "http://debarghyadas.com",
    )


def test_dates_in_a_column_beside_the_entries_go_to_their_entries_and_running_feet_are_dropped():
    extracted, profile = read("rendercv_classic.pdf")

    assert "John Doe – 1/2" not in extracted.text and "Last updated" not in extracted.text
    assert jobs(profile) == [
        ("co-founder & cto", "nexus ai", "June 2023 – present"),
        ("research intern", "nvidia research", "May 2022 – Aug 2022"),
        ("research intern", "google deepmind", "May 2021 – Aug 2021"),
        ("research intern", "apple ml research", "May 2020 – Aug 2020"),
        ("research intern", "microsoft research", "May 2019 – Aug 2019"),
    ]
    assert [len(job.bullets) for job in profile.experience] == [4, 2, 5, 2, 2]
    assert [(s.institution, s.dates) for s in profile.education] == [
        ("Princeton University", "Sept 2018 – May 2023"),
        ("Boğaziçi University", "Sept 2014 – June 2018"),
    ]
    # The header shows only icons and "rendercv"; the addresses are in the link annotations.
    assert (profile.linkedin, profile.github) == ("https://linkedin.com/in/rendercv", "https://github.com/rendercv")
    assert len(profile.awards) == 5


def test_soft_hyphens_and_involvement_kept_apart_from_jobs():
    _, profile = read("openresume_laverne.pdf")

    assert profile.phone == "(909) 555-5555"  # written with a soft hyphen and a hyphen character
    assert jobs(profile) == [
        ("volunteer", "lionlike mindstate", "June 2012 – Present"),
        ("volunteer swim coach", "ymca", "Summer 2013, 2014"),
    ]
    assert [(s.institution, s.dates) for s in profile.education] == [("University of La Verne", "June 2016")]
    assert profile.awards == ["Dean’s List Fall 2013 – Spring 2014"]
    assert profile.activities[0].startswith("Enactus")
    # "Proficient in …, PowerPoint, and Excel" and "Language: Fluent in Spanish": the skills without their lead-in.
    assert {"PowerPoint", "Excel", "Spanish"} <= set(profile.skills)
    assert not {"and Excel", "Fluent in Spanish"} & set(profile.skills)


def test_a_nurses_word_resume_reads_its_clinical_experience_and_licences_and_gets_no_projects_tip():
    _, profile = read("nurse_new-grad-rn-resume.docx")

    assert jobs(profile) == [
        ("senior nursing practicum", "methodist dallas medical center", "Jan 2025 – May 2025"),
        ("icu clinical rotation", "parkland hospital", "Sep 2024 – Dec 2024"),
        ("pediatric medical-surgical rotation", "children's medical center", "Jun 2024 – Aug 2024"),
        ("patient care technician (per diem)", "baylor scott & white", "Jun 2023 – Present"),
    ]
    assert [len(job.bullets) for job in profile.experience] == [5, 5, 4, 4]  # Word's list paragraphs are the bullets
    assert profile.certifications[0] == "Registered Nurse (RN), Texas Board of Nursing, License #987654, Active"
    assert len(profile.certifications) == 4
    assert profile.linkedin == "linkedin.com/in/emilyrodriguezrn"

    result = readiness(profile)
    sections = next(part for part in result.parts if part.key == "sections")
    assert result.line_of_work == "care"
    assert sections.earned == sections.out_of and not sections.tips
    assert "project" not in " ".join(tip for part in result.parts for tip in part.tips).lower()


def test_a_three_page_word_file_without_its_running_heads_and_with_dashes_inside_titles():
    extracted, profile = read("cc0_mickey_three_pages.docx")

    assert "Page 2 of 3" not in extracted.text
    assert extracted.text.count("PROFESSIONAL SUMMARY") == 1  # a text box is read once, not with its fallback copy
    assert [(job.title, job.employer) for job in profile.experience] == [
        ("Staff Infrastructure Engineer", "The Walt Disney Company"),
        ("Director of IT – Hybrid Cloud and Enterprise IT Automation", "The Walt Disney Company"),
        ("IT Director – Hybrid Cloud and Enterprise IT Automation", "Fox Entertainment Group"),
        ("IT Director, Associate – Hybrid Cloud and Enterprise IT Automation", "Fox Entertainment Group"),
        ("Senior Systems Engineer – Windows/VMWare", "Fox Entertainment Group"),
        ("Director – IT Operations", "Millennium Entertainment"),
        ("Director – IT Operations", "First Look Studios"),
    ]


def test_a_linkedin_profile_pasted_into_word_gives_its_jobs_marked_for_checking():
    _, profile = read("cc0_minnie_linkedin_paste.docx")

    # No headings, every line doubled by the paste ("Sr. System Reliability EngineerSr. System…").
    assert jobs(profile) == [
        ("sr. system reliability engineer", "disney experiences", "Jul 2025 - Present"),
        ("sr. system reliability engineer", "the walt disney company", "Feb 2022 - Jul 2025"),
        ("senior system engineer", "university of washington", "Nov 2005 - Feb 2022"),
        ("emergency medical technician", "moscow volunteer fire department", "Mar 2001 - Dec 2005"),
        ("unix systems analyst", "university of idaho", "Jan 2001 - Oct 2005"),
        ("intern/assistant system administrator", "weyerhaeuser", "May 1999 - Dec 1999"),
    ]
    assert all(job.confidence < UNSURE for job in profile.experience)
    assert profile.name == ""


def test_a_two_column_sidebar_template_is_read_one_column_after_the_other():
    extracted, profile = read("twentyseconds.pdf")

    assert "The heroine and the dreamer of Wonderland" in extracted.text
    assert "(cid:" not in extracted.text  # the sidebar's icons are glyphs without characters: no text
    assert profile.email == "alice@wonderland.com" and profile.phone == "+39 0325658974"
    # Its "experience" lists films about Alice ("Disney Film. | Film" and a paragraph): no role, no jobs.
    assert profile.experience == []
    assert [(s.qualification, s.dates) for s in profile.education][1:] == [
        ("M.Sc. magna cum laude", "1863-1865"),
        ("B.Sc. magna cum laude", "1861-1863"),
        ("High school", "1856-1861"),
    ]


def test_a_left_sidebar_under_a_name_band_reads_the_name_first_and_jobs_ending_now():
    extracted, profile = read("friggeri_a4_john_smith.pdf")

    # The name is set over the main column only; the sidebar (contact, languages) begins below it.
    assert extracted.text.startswith("john smith\njunior business analyst\ncontact\n")
    assert (profile.email, profile.phone, profile.portfolio) == (
        "john@smith.com",
        "+0 (000) 111 1111",
        "http://www.smith.com",
    )
    # Dates and employer on one line, the role on the line under it; "Full Time" and "Part Time" group the jobs.
    assert jobs(profile) == [
        ("1st year analyst", "lehman brothers", "2012–Now"),
        ("summer intern", "lehman brothers", "2010–2011"),
        ("computer repair specialist", "buy more", "2008-2009"),
    ]
    assert [(s.qualification, s.institution, s.dates) for s in profile.education] == [
        ("Masters of Commerce", "The University of California, Berkeley", "2011–2012"),
        ("Bachelor of Business Studies", "The University of California, Berkeley", "2007–2008"),
    ]
    # "Communication skills" lists a talk and a poster with their years: entries, not skills.
    assert profile.skills == ["JavaScript", "Python", "C++", "PHP", "CSS3 & HTML5"]


def test_headings_and_dates_in_the_left_margin_are_labels_of_their_rows_and_the_copyright_footer_is_dropped():
    extracted, profile = read("europass_academic_mario_rossi.pdf")

    assert "European Union" not in extracted.text and "Page 2" not in extracted.text
    assert "1993 – 1997\tBachelor of Science in Sociology and Psychology" in extracted.text  # page 2, beside its label
    assert profile.name == "Mario Rossi"  # beside the label "Personal information"
    assert jobs(profile) == [
        ("independent consultant", "british council", "August 2002 – Present"),
        ("internship", "european commission, youth unit, dg education and culture", "March 2002 – July 2002"),
        (
            "researcher / independent consultant",
            "council of europe, budapest (hungary)",
            "October 2001 – February 2002",
        ),
    ]
    assert len(profile.experience[1].bullets) == 3
    # The thesis title names a "University" too; the school is the short name on its own line.
    assert [(s.qualification, s.institution, s.dates) for s in profile.education] == [
        ("PhD", "Brunel University", "1997 – 2001"),
        ("Bachelor of Science in Sociology and Psychology", "Brunel University", "1993 – 1997"),
    ]
    # "Scientific Papers" and "Technical Reports" group the six publications; "Review Activities" ends them.
    assert profile.publications == [
        "X. Y. Zed A. B. See. How to write a curriculum vitæ. Some Press, 2104",
        "G. H. Eye D. E. Eph. A short tutorial on curricula. Journal of Trifles, 2105",
        "D. E. Eph A. B. Cee. Sample paper. Journal of Samples, 2106",
        "Sample technical report number one. Technical report, My Organization, 2101",
        "Sample technical report number two. Technical report, My Organization, 2102",
        "Sample technical report number three. Technical report, My Organization, 2103",
    ]
    assert profile.activities[0] == "International Journal of Latex Guru (IJLG), 2016"


def test_a_date_range_wrapped_in_the_margin_and_contact_details_in_a_repeated_footer():
    extracted, classic = read("moderncv_classic_xdanaux.pdf")
    _, casual = read("moderncv_casual_xdanaux.pdf")

    assert "april 2004–current\tAdministrator, Alterezo ASBL, Liège." in extracted.text  # "current" was the next line
    for profile in (classic, casual):
        assert jobs(profile) == [
            ("administrator", "alterezo asbl", "april 2004–current"),
            ("mathematics tutor", "ucl", "2005–2006"),
            ("cultural project leader", "tchouque-tschouk kot", "2004–2006"),
            ("imo preselected", "sbpmef", "1999–2001"),
        ]
        # "IMO preselected, SBPMef, Wépion." names no role the parser knows: read like the jobs above
        # it (role, employer, town), and marked for the candidate to check.
        assert profile.experience[3].confidence < UNSURE and profile.experience[0].confidence >= UNSURE
        assert [(s.qualification, s.dates) for s in profile.education] == [
            ("Master of Science in Mechanical Engineering", "2003–current"),
            ("Master of Laws", "2005–current"),
            ("Bachelor of Laws", "2003–2005"),
            ("Bachelor of Science", "2001–2003"),
        ]
        assert profile.portfolio == ""  # "See www.alterezo.be." under a job is the employer's site
        # "OS | Linux, Unix, MacOS, Windows | desktop OpenOffice, StarOffice, MS Office": the labels are not skills
        # (Unix is the vocabulary's Linux).
        assert profile.skills == [
            "Linux",
            "MacOS",
            "Windows",
            "OpenOffice",
            "StarOffice",
            "MS Office",
            "Java",
            "C/C++",
            "PHP",
            "Shell",
            "Ruby",
            "Matlab",
            "Autocad",
            "Abaqus",
            "LATEX",
            "ConTEXt",
            "Scribus",
            "QuarkXPress",
            "XHTML",
            "CSS",
            "AJAX",
            "MySQL",
            "PostgreSQL",
            "Apache",
            "Mailman",
        ]
    # The casual style prints the contact line as the footer of both pages: kept once.
    assert (casual.email, casual.phone) == ("xdanaux@gmail.com", "+32 (0)494 68 23 41")


def test_a_right_sidebar_beside_the_jobs_and_dates_written_year_first():
    _, profile = read("typst_vantage_john_doe.pdf")

    # "Quantum Innovations - QuantumLeap": the organisation, then its product after the dash.
    assert [(job.title, job.employer, job.dates) for job in profile.experience] == [
        ("Lead Software Developer", "Quantum Innovations", "2023 Mar. — 2024 Jul."),
        ("Backend Developer", "CloudSync Solutions", "2024 Aug. — present"),
        ("DevOps Engineer", "AutoTech Dynamics", "2022 Feb. — 2023 Dec."),
        ("Game Developer", "PixelForge Studios", "2021 Jan. — 2022 Dec."),
        ("Data Engineer", "Insight Analytics", "2020 Jan. — 2021 Dec."),
        ("Quality Assurance Intern", "CodeFix Labs", "2019 Jan. — 2019 Dec."),
    ]
    assert [(s.qualification, s.institution, s.dates) for s in profile.education] == [
        ("B.Sc. in Computer Science", "Example University", "2015 - 2019"),
        ("Diploma in IT Specialist", "Technical College", "2012 - 2015"),
    ]
    assert {"Kotlin", "Ruby on Rails", "Kanban", "Postman"} <= set(
        profile.skills
    )  # "Technical Expertise", "Skills/Exposure", "Tools"
    # Items the sidebar wrapped ("• Material" / "UI •", "• Test-" / "Driven Development") are whole again, and
    # the sub-heading "Methodology/Approach" is not a skill.
    assert {"Material UI", "Tailwind CSS", "Unit testing", "Pair Programming"} <= set(profile.skills)
    assert not {"Material", "UI", "Methodology/Approach", "Driven Development"} & set(profile.skills)
    # The header's addresses, not the employers' and products' links further down.
    assert (profile.linkedin, profile.github, profile.portfolio) == (
        "https://www.linkedin.com/in/johndoe/",
        "https://github.com/johndoe/",
        "www.johndoe.com",
    )


def test_a_typst_sidebar_with_dates_wrapped_over_two_lines():
    extracted, profile = read("typst_twentysecondcv_sidebar.pdf")

    assert "Oct. 2017 - Now\tLorem ipsum dolor sit.\tLorem." in extracted.text
    assert profile.name == "Xiaoliang Wang"
    assert [(s.institution, s.dates) for s in profile.education] == [("Nanjing University", "Sep. 2007 - Jun. 2011")]
    assert len(profile.certifications) == 3
    # Lorem ipsum names no role, but each entry has a title cell, an employer cell and bulleted
    # achievements: read as jobs, role first, for the candidate to check.
    assert [(job.title, job.employer, job.dates, len(job.bullets)) for job in profile.experience] == [
        ("Lorem ipsum dolor sit.", "Lorem.", "Oct. 2017 - Now", 3),
        ("Lorem ipsum dolor sit.", "Lorem.", "Mar. 2016 - Oct. 2017", 3),
        ("Lorem ipsum dolor sit.", "Lorem.", "Jul. 2011 - Mar. 2016", 2),
    ]
    assert all(job.confidence < UNSURE for job in profile.experience)
    assert profile.linkedin == "https://www.linkedin.com/in/someone"  # wrapped after "in/"


def test_altacv_strengths_without_their_scores_and_publications_without_their_group_names():
    _, profile = read("altacv_mmayer.pdf")

    assert profile.skills == [
        "Hard-working",
        "Persuasive",
        "Motivator & Leader",
        "UX",
        "Mobile Devices & Applications",
        "Product Management & Marketing",
    ]  # "Hard-working (18/24)"
    # "Books", "Journal Articles", "Conference Proceedings" group the four; not publications nor glued to one.
    assert [item.split(",")[0] for item in profile.publications] == [
        "E. Someone and T. Lim",
        "L. T. Wong and E. Someone",
        "L. T. Lim",
        "E. Someone and L. T. Lim",
    ]
    assert profile.publications[0].endswith("Somewhere, Some Place, 2010.")


@pytest.mark.django_db
def test_read_resume_prints_the_profile_and_readiness(capsys):
    call_command("read_resume", str(DATA / "cc0_accountant_ebony_moore.docx"), "--json")

    printed = json.loads(capsys.readouterr().out)
    assert printed["profile"]["name"] == "Ebony Moore"
    assert [(j["title"], j["employer"]) for j in printed["profile"]["experience"]] == [
        ("Certified Public Accountant", "Gilmore Financial"),
        ("Accountant", "Harrison Money Management"),
        ("Junior Accountant", "Harrison Money Management"),
    ]
    assert printed["readiness"]["line_of_work"] == "finance"

    call_command("read_resume", str(DATA / "cc0_accountant_ebony_moore.docx"))
    assert "Readiness " in capsys.readouterr().out


def test_read_resume_refuses_what_the_page_refuses(tmp_path):
    photo = tmp_path / "cv.pdf"
    photo.write_bytes(png_image())

    with pytest.raises(CommandError, match="This file is a PNG image"):
        call_command("read_resume", str(photo))
