"""Hand-written answers to three bank questions (a technical, a finance and a behavioural one),
each strong, partial and off-topic as people speak them, and the real grader on them: the grading
tests' cases, which the interview, socket and worker tests reuse as answers whose grades are known."""

from interviewer.engine.bank import read_bank
from interviewer.engine.grading import grade_answer

QUESTIONS = {q.id: q for d in read_bank() for q in d.questions}

# For each question: a strong answer, a partial one and an off-topic one, written as people speak.
ANSWERS = {
    "software-engineering-easy-01": (
        "An array keeps its elements next to each other in memory, so you can jump to any index in constant time and "
        "it is very cache friendly. The downside is that inserting or deleting in the middle is linear, because "
        "everything after it has to shift. A linked list is a chain of nodes with pointers, so if you already have "
        "the node you can insert or remove next to it in constant time, but finding the i-th element means walking "
        "the list, which is O(n), and all that pointer chasing misses the cache. So I use a dynamic array by default "
        "and only reach for a linked list for lots of inserts and removals at known places, like an LRU cache.",
        "An array is stored in one contiguous block of memory, so reading any element by index is fast. "
        "A linked list is made of nodes pointing to each other.",
        "I would start by talking to the customer to understand their budget and what they expect from the "
        "product, then I would follow up by email with a proposal and a discount for signing this quarter.",
    ),
    "finance-accounting-easy-01": (
        "There's the income statement, which shows revenue minus expenses, so profit or loss over a period. The "
        "balance sheet is a snapshot on one date of assets, liabilities and equity, and assets always equal "
        "liabilities plus equity. Then the cash flow statement shows cash coming in and going out over the period, "
        "split into operating, investing and financing. Net income feeds retained earnings on the balance sheet and "
        "is the first line of the indirect cash flow statement, and closing cash matches the balance sheet cash.",
        "The income statement shows whether the company made a profit over the year, from revenue and expenses. "
        "There is also the balance sheet.",
        "Hand hygiene matters because hands carry germs between patients, so I clean my hands before and after "
        "touching any patient and use soap and water when they are visibly dirty.",
    ),
    "behavioural-easy-01": (
        "In my final year I was one of four students building a booking app for a local gym as our capstone project. "
        "My task was to lead the back end, but two weeks in we were behind because nobody owned the integration. "
        "I proposed that we split the work by feature instead of by layer, I set up a shared board with weekly "
        "deadlines and I paired with our front-end developer every Friday to integrate. As a result we delivered "
        "two days early, the gym signed up 120 members in the first month, and we got a first-class mark of 78%. "
        "I learned that agreeing who owns what early on saves a team a lot of time.",
        "I worked in a team at university for a group project. We had some problems with communication but we "
        "talked about it and I helped organise the meetings so everyone knew what to do.",
        "My favourite programming language is Python because the syntax is clean and there are libraries for "
        "everything from data analysis to web development.",
    ),
}


def grade(question_id, answer):
    q = QUESTIONS[question_id]
    return grade_answer(
        question=q.text, model_answer=q.model_answer, key_points=q.key_points, question_type=q.type, answer=answer
    )
