"""The app's words, defined once.

Every list of values the app knows (unit types, department categories, positions, roles, task states,
traffic lights and their colours, record kinds, interview statuses, escalation levels) lives here. Python
imports it; the desk scripts and the phone page receive the same values through `boot()` (added to
`frappe.boot.twoduty` by `extend_bootinfo`, and to the phone page's context), never from a pasted list.
The DocType JSON files declare the same options for Frappe's forms; `tests/test_vocabulary.py` holds each
of them to the tuple here.
"""

from frappe.utils import getdate, nowdate

# -- the unit tree ---------------------------------------------------------------------------------------
COUNTY = "County"
TOWNSHIP = "Township"
DEPARTMENT = "County Department"
VILLAGE = "Village"
COMMUNITY = "Community"
STATION = "Grassroots Station"
SECTION = "Internal Section"
UNIT_TYPES = (COUNTY, TOWNSHIP, DEPARTMENT, VILLAGE, COMMUNITY, STATION, SECTION)
# directly below the county: the level the county interviews every year and compares horizontally
FIRST_LEVEL_TYPES = (TOWNSHIP, DEPARTMENT)
# the grassroots level the vertical-reach comparison looks at
GRASSROOTS_TYPES = (VILLAGE, COMMUNITY, STATION, SECTION)

GOVERNMENT_DEPARTMENT = "Government Department"
PARTY_AND_MASS = "Party and Mass Organization"
STATIONED_UNIT = "Stationed Unit"
DEPARTMENT_CATEGORIES = (GOVERNMENT_DEPARTMENT, PARTY_AND_MASS, STATIONED_UNIT)
# the four groups of the horizontal comparison: townships, then the three kinds of county department
COMPARISON_GROUPS = (TOWNSHIP, *DEPARTMENT_CATEGORIES)

# -- people ----------------------------------------------------------------------------------------------
UNIT_HEAD = "Unit Head"  # the Party secretary: 党委（党组）书记
# the other head of 党政同责 (乡镇长、局长、主任): receives duty assignments and is interviewed; the Party
# secretary alone signs plans and reports off
ADMINISTRATIVE_HEAD = "Administrative Head"
DISCIPLINE_SECRETARY = "Discipline Secretary"
TEAM_MEMBER = "Team Member"
LIAISON = "Liaison"
POSITIONS = (UNIT_HEAD, ADMINISTRATIVE_HEAD, DISCIPLINE_SECRETARY, TEAM_MEMBER, LIAISON)
# the two heads of a unit (党政同责)
HEADS = (UNIT_HEAD, ADMINISTRATIVE_HEAD)

ROLE_ADMIN = "TwoDuty Admin"
ROLE_INSPECTOR = "TwoDuty Inspector"
ROLE_VIEWER = "TwoDuty Viewer"
ROLE_UNIT_HEAD = "TwoDuty Unit Head"
ROLE_DISCIPLINE_SECRETARY = "TwoDuty Discipline Secretary"
ROLE_TEAM_MEMBER = "TwoDuty Team Member"
ROLE_LIAISON = "TwoDuty Liaison"
SYSTEM_MANAGER = "System Manager"
# a unit membership gives the role of its position
POSITION_ROLES = {
	UNIT_HEAD: ROLE_UNIT_HEAD,
	# a member of the leading team who does not sign: the team member's desk
	ADMINISTRATIVE_HEAD: ROLE_TEAM_MEMBER,
	DISCIPLINE_SECRETARY: ROLE_DISCIPLINE_SECRETARY,
	TEAM_MEMBER: ROLE_TEAM_MEMBER,
	LIAISON: ROLE_LIAISON,
}
UNIT_ROLES = frozenset(POSITION_ROLES.values())
ADMIN_ROLES = (ROLE_ADMIN, SYSTEM_MANAGER)
# the county's discipline commission: configures, inspects, rechecks, confirms, approves late entries
COUNTY_STAFF_ROLES = (ROLE_ADMIN, ROLE_INSPECTOR, SYSTEM_MANAGER)
# who may read county-wide figures such as interview coverage
COUNTY_READER_ROLES = (*COUNTY_STAFF_ROLES, ROLE_VIEWER)
RECHECKER_ROLES = (ROLE_INSPECTOR, ROLE_ADMIN)

# -- rectification tasks ---------------------------------------------------------------------------------
DRAFT = "Draft"
ISSUED = "Issued"
PLAN_SUBMITTED = "Plan Submitted"
IN_PROGRESS = "Rectifying"  # 整改中
REPORT_SUBMITTED = "Report Submitted"
PENDING_RECHECK = "Pending Recheck"
CLOSED = "Closed Out"  # 已销号
CANCELLED = "Task Revoked"  # 已撤销
OPEN_STATES = (DRAFT, ISSUED, PLAN_SUBMITTED, IN_PROGRESS, REPORT_SUBMITTED, PENDING_RECHECK)
FINAL_STATES = (CLOSED, CANCELLED)
TASK_STATES = (*OPEN_STATES, *FINAL_STATES)
# the unit's turn: deadlines run and escalation applies
UNIT_TURN_STATES = (ISSUED, PLAN_SUBMITTED, IN_PROGRESS, REPORT_SUBMITTED)
# states after the plan was approved (or skipped): measures are locked
PLAN_LOCKED_STATES = (IN_PROGRESS, REPORT_SUBMITTED, PENDING_RECHECK, CLOSED)
# states that show a traffic light
LIT_STATES = (ISSUED, PLAN_SUBMITTED, IN_PROGRESS, REPORT_SUBMITTED, PENDING_RECHECK)

# workflow actions of a task (and the signing of a duty assignment); named so that no other app uses the
# same words (a translation of "Issue" would rename ERPNext's Issue doctype in Chinese)
ACTION_ISSUE = "Issue Task"
ACTION_SUBMIT_PLAN = "Submit Plan"
ACTION_APPROVE_PLAN = "Approve Plan"
ACTION_RETURN_PLAN = "Return Plan"
ACTION_START = "Start Rectification"
ACTION_SUBMIT_REPORT = "Submit Report"
ACTION_SIGN_OFF = "Sign Off"
ACTION_RETURN_REPORT = "Return Report"
ACTION_CANCEL = "Revoke Task"
ACTION_SIGN = "Sign Agreement"
TASK_ACTIONS = (
	ACTION_ISSUE,
	ACTION_SUBMIT_PLAN,
	ACTION_APPROVE_PLAN,
	ACTION_RETURN_PLAN,
	ACTION_START,
	ACTION_SUBMIT_REPORT,
	ACTION_SIGN_OFF,
	ACTION_RETURN_REPORT,
	ACTION_CANCEL,
)

IMMEDIATE = "Immediate"
DEADLINE = "Deadline"
ONGOING = "Ongoing"
RECTIFICATION_KINDS = (IMMEDIATE, DEADLINE, ONGOING)

ON_TRACK = "On Track"
DUE_SOON = "Due Soon"
OVERDUE = "Overdue"
TRAFFIC_LIGHTS = (ON_TRACK, DUE_SOON, OVERDUE)
# indicator colours of the desk (and the phone page's pills)
LIGHT_COLOURS = {ON_TRACK: "green", DUE_SOON: "yellow", OVERDUE: "red"}
# a task with no light: finished or not yet issued
STATE_COLOURS = {CLOSED: "blue", CANCELLED: "gray", DRAFT: "gray"}
OPEN_STATE_COLOUR = "orange"

DUE_REMINDER = "Due Reminder"
SUPERVISION_NOTICE = "Supervision Notice"
INTERVIEW_PROPOSED = "Interview Proposed"
# the ladder's last step: a draft accountability case proposed to the county (建议问责)
CASE_PROPOSED = "Accountability Proposed"
ESCALATION_LEVELS = (DUE_REMINDER, SUPERVISION_NOTICE, INTERVIEW_PROPOSED, CASE_PROPOSED)

PASS = "Pass"
FAIL = "Fail"
RECHECK_RESULTS = (PASS, FAIL)

# -- interviews and inspections --------------------------------------------------------------------------
CONCLUDED = "Closed"  # an interview or inspection whose tasks are all finished: 已办结
PROPOSED = "Proposed"  # proposed by the escalation job, waiting for the county to confirm it
PLANNED = "Planned"  # confirmed: the notice went out
HELD = "Held"
FOLLOWING_UP = "Following Up"
# a problem source's status once it raised tasks, and once all of them are finished
INTERVIEW_STATUSES = (PROPOSED, PLANNED, HELD, FOLLOWING_UP, CONCLUDED)
HELD_STATUSES = (HELD, FOLLOWING_UP, CONCLUDED)
INTERVIEW_STATUS_COLOURS = {
	PROPOSED: "gray",
	PLANNED: "orange",
	HELD: "blue",
	FOLLOWING_UP: "yellow",
	CONCLUDED: "green",
}
RECORDED = "Recorded"
INSPECTION_STATUSES = (RECORDED, FOLLOWING_UP, CONCLUDED)
COLLECTIVE = "Collective"
INDIVIDUAL = "Individual"
INTERVIEW_CATEGORY_REMINDER = "Reminder"

# -- duties ----------------------------------------------------------------------------------------------
RECORD_KINDS = ("Study and Plan", "Integrity Talk", "Reminder Talk", "Supervision Check", "Other")
YEARLY, QUARTERLY, MONTHLY, ONCE = "Yearly", "Quarterly", "Monthly", "Once"
FREQUENCIES = (YEARLY, QUARTERLY, MONTHLY, ONCE)
LAYER_COLLECTIVE = "Collective"
LAYER_FIRST = "First Responsible Person"
LAYER_TEAM = "Team Member"
LAYER_SUPERVISORY = "Supervisory"
DUTY_LAYERS = (LAYER_COLLECTIVE, LAYER_FIRST, LAYER_TEAM, LAYER_SUPERVISORY)
# who carries a layer's duties (team members carry theirs one by one): both heads carry the first
# responsible person's (党政同责)
LAYER_POSITIONS = {LAYER_FIRST: HEADS, LAYER_SUPERVISORY: (DISCIPLINE_SECRETARY,)}
SIGNED = "Signed"
REVIEWED = "Reviewed"
PENDING_REVIEW = "Pending Review"
LATE_PENDING, LATE_APPROVED, LATE_REJECTED = "Pending", "Approved", "Rejected"
MET, NOT_MET = "Met", "Not Met"
# an extension request (延期申请)
EXTENSION_PENDING, EXTENSION_APPROVED, EXTENSION_REFUSED = "Pending", "Approved", "Refused"
EXTENSION_STATUSES = (EXTENSION_PENDING, EXTENSION_APPROVED, EXTENSION_REFUSED)
# the county's review of a checklist line
VERDICT_CONFIRMED, VERDICT_OVERRULED = "Confirmed", "Overruled"
VERDICTS = (VERDICT_CONFIRMED, VERDICT_OVERRULED)
# the standard charts (七类图表) the app draws itself from its data, per unit and year; a checklist line that
# names one is met by the drawn chart, not by an upload. Each is drawn by the print format named here.
CHART_DUTY_LIST = "Duty List"  # 党风廉政建设责任清单
CHART_DUTY_BREAKDOWN = "Duty Breakdown"  # 主体责任分解表
CHART_SUPERVISION_FLOW = "Supervision Flow"  # 监督检查工作流程图
CHART_ACCOUNTABILITY_FLOW = "Accountability Flow"  # 责任追究流程图
GENERATED_CHARTS = (CHART_DUTY_LIST, CHART_DUTY_BREAKDOWN, CHART_SUPERVISION_FLOW, CHART_ACCOUNTABILITY_FLOW)
CHART_PRINT_FORMATS = {
	CHART_DUTY_LIST: "TD Duty List Chart",
	CHART_DUTY_BREAKDOWN: "TD Duty Breakdown Chart",
	CHART_SUPERVISION_FLOW: "TD Supervision Flow Chart",
	CHART_ACCOUNTABILITY_FLOW: "TD Accountability Flow Chart",
}

# -- evidence files (佐证材料) -----------------------------------------------------------------------------
# scans, photos and office documents (OFD: the national standard for electronic official documents);
# nothing a browser would run (HTML, SVG) and no archive whose content nobody can see
EVIDENCE_EXTENSIONS = ("pdf", "ofd", "jpg", "jpeg", "png", "heic", "doc", "docx", "xls", "xlsx")
EVIDENCE_MAX_MB = 10

# -- accountability (责任追究): a case pursued on both lines (一案双查) ---------------------------------------
UNDER_INVESTIGATION = "Under Investigation"
CASE_DECIDED = "Decided"
# 已结案: a source string of its own (Frappe's badge translates "Closed" without context, as 已关闭)
CASE_CLOSED = "Case Closed"
CASE_STATUSES = (DRAFT, UNDER_INVESTIGATION, CASE_DECIDED, CASE_CLOSED)
# a decided case is kept as decided: its facts, sources and lines no longer change
CASE_KEPT_STATUSES = (CASE_DECIDED, CASE_CLOSED)
CASE_STATUS_COLOURS = {
	DRAFT: "gray",
	UNDER_INVESTIGATION: "orange",
	CASE_DECIDED: "blue",
	CASE_CLOSED: "green",
}
TRIGGER_ESCALATION = "Escalation"
CASE_TRIGGERS = (
	TRIGGER_ESCALATION,
	"Found by Upper Level",  # 上级发现
	"Concealed Case",  # 瞒案不报
	"Case Not Pursued",  # 压案不查
	"Major Incident",  # 发生重大问题
	"Other",
)
PRINCIPAL_DUTY = "Principal Duty"  # 主体责任
SUPERVISORY_DUTY = "Supervisory Duty"  # 监督责任
DUTY_LINES = (PRINCIPAL_DUTY, SUPERVISORY_DUTY)
# whose holders on the date of the facts answer on each line
LINE_POSITIONS = {PRINCIPAL_DUTY: HEADS, SUPERVISORY_DUTY: (DISCIPLINE_SECRETARY,)}
NO_ACCOUNTABILITY = "No Accountability"  # 不予问责: only with a written reason
HANDLINGS = (
	"Criticism and Education",  # 批评教育
	"Ordered Self-Examination",  # 责令检查
	"Admonishment",  # 诫勉
	"Circulated Criticism",  # 通报批评
	"Organizational Adjustment",  # 组织调整
	"Party Disciplinary Sanction",  # 党纪处分
	"Government Sanction",  # 政务处分
	"Referred to Judicial Authorities",  # 移送司法机关
	NO_ACCOUNTABILITY,
)
# what a case may rest on
CASE_SOURCE_DOCTYPES = ("TD Rectification Task", "TD Interview", "TD Inspection")

# -- registers kept all year: "三重一大" decisions and integrity education (assessment/registers.py) -----------
DECISION_KINDS = (
	"Major Matter Decision",  # 重大事项决策
	"Key Cadre Appointment",  # 重要干部任免
	"Major Project Arrangement",  # 重大项目安排
	"Large Fund Use",  # 大额资金使用
)
PARTY_COMMITTEE_MEETING = "Party Committee Meeting"  # 党委（党组）会议
TEAM_MEETING = "Leadership Team Meeting"  # 班子会议
OFFICE_MEETING = "Office Meeting"  # 办公会议
NO_MEETING = "No Meeting Held"  # 未召开会议
MEETING_KINDS = (PARTY_COMMITTEE_MEETING, TEAM_MEETING, OFFICE_MEETING, NO_MEETING)
KNOWLEDGE_TEST = "Knowledge Test"  # 知识测试: the one kind whose attendees get a score
EDUCATION_KINDS = (
	"Integrity Party Lecture",  # 廉政党课
	"Warning Education",  # 警示教育/案件解析
	KNOWLEDGE_TEST,
	"Expert Briefing",  # 专家解读
	"Topical Discussion",  # 专题讨论
	"Integrity Talk",  # 廉政谈话 (the same words as the duty record's kind)
)
TEST_SCORE_RANGE = (0, 100)

# -- year-end assessment (考核) ---------------------------------------------------------------------------
SELF_ASSESSED = "Self-Assessed"  # 已自评
UNDER_REVIEW = "Under Review"  # 考核中
FINALISED = "Finalised"  # 已定档
ASSESSMENT_STATUSES = (DRAFT, SELF_ASSESSED, UNDER_REVIEW, FINALISED)
ASSESSMENT_STATUS_COLOURS = {DRAFT: "gray", SELF_ASSESSED: "orange", UNDER_REVIEW: "blue", FINALISED: "green"}
MANUAL = "Scored by the Team"  # by hand, the assessment team against the scheme's guide
# automatic measures: each reads the unit's own data for the year
# share of the assignment's items (by weight) with a counted record
MEASURE_DUTY_RECORDS = "Duty Items Recorded"
MEASURE_TASKS_ON_TIME = "Tasks Closed On Time"  # share of the year's tasks closed by their deadline
# share of the units below it owed an interview (逐级约谈) that had one
MEASURE_COVERAGE = "Interview Coverage Met"
MEASURE_CHECKLISTS = "Checklist Lines Confirmed"  # share of checklist lines met and confirmed by the county
MEASURE_DECISIONS = "Decisions Without Flags"  # share of 三重一大 records the app found nothing wrong with
MEASURE_EDUCATION = "Education Activities Held"  # activities held against the scheme's target
MEASURE_CASES = "Deduction per Case Decided"  # 按件扣分: each decided accountability case
MEASURE_OVERDUE = "Deduction per Overdue Task"  # 按件扣分: each task past its deadline and still open
SHARE_MEASURES = (
	MEASURE_DUTY_RECORDS,
	MEASURE_TASKS_ON_TIME,
	MEASURE_COVERAGE,
	MEASURE_CHECKLISTS,
	MEASURE_DECISIONS,
)
DEDUCTION_MEASURES = (MEASURE_CASES, MEASURE_OVERDUE)
AUTOMATIC_MEASURES = (*SHARE_MEASURES, MEASURE_EDUCATION, *DEDUCTION_MEASURES)
SCORING_METHODS = (MANUAL, *AUTOMATIC_MEASURES)
GRADE_EXCELLENT, GRADE_GOOD, GRADE_FAIR, GRADE_POOR = (
	"Rated Excellent",
	"Rated Good",
	"Rated Fair",
	"Rated Poor",
)  # 好、较好、一般、差
GRADES = (GRADE_EXCELLENT, GRADE_GOOD, GRADE_FAIR, GRADE_POOR)
# a late change to a closed year (补录申请)
LATE_CHANGE_REQUESTED, LATE_CHANGE_APPROVED, LATE_CHANGE_REFUSED, LATE_CHANGE_USED = (
	"Late Change Requested",
	"Late Change Approved",
	"Late Change Refused",
	"Late Change Used",
)
LATE_CHANGE_STATUSES = (LATE_CHANGE_REQUESTED, LATE_CHANGE_APPROVED, LATE_CHANGE_REFUSED, LATE_CHANGE_USED)


def current_year() -> int:
	"""The year reports and cards open on (today's, in the site's time zone)."""
	return getdate(nowdate()).year


def boot() -> dict:
	"""What the desk scripts and the phone page need of the vocabulary (JSON-safe)."""
	return {
		"unit_types": UNIT_TYPES,
		"subunit_types": UNIT_TYPES[1:],
		"department_categories": DEPARTMENT_CATEGORIES,
		"department": DEPARTMENT,
		"county": COUNTY,
		"task_states": TASK_STATES,
		"final_states": FINAL_STATES,
		"pending_recheck": PENDING_RECHECK,
		"light_colours": LIGHT_COLOURS,
		"state_colours": STATE_COLOURS,
		"open_state_colour": OPEN_STATE_COLOUR,
		"interview_status_colours": INTERVIEW_STATUS_COLOURS,
		"planned": PLANNED,
		"proposed": PROPOSED,
		"record_kinds": RECORD_KINDS,
		"county_staff_roles": COUNTY_STAFF_ROLES,
		"admin_roles": ADMIN_ROLES,
		"discipline_secretary_role": ROLE_DISCIPLINE_SECRETARY,
		"unit_head_role": ROLE_UNIT_HEAD,
		"signed": SIGNED,
		"met": MET,
		"extension_pending": EXTENSION_PENDING,
		"unit_turn_states": UNIT_TURN_STATES,
		"not_met": NOT_MET,
		"verdicts": VERDICTS,
		"verdict_confirmed": VERDICT_CONFIRMED,
		"verdict_overruled": VERDICT_OVERRULED,
		"chart_print_formats": CHART_PRINT_FORMATS,
		"reviewed": REVIEWED,
		"late_pending": LATE_PENDING,
		"case_status_colours": CASE_STATUS_COLOURS,
		"case_statuses": CASE_STATUSES,
		"case_triggers": CASE_TRIGGERS,
		"handlings": HANDLINGS,
		"assessment_status_colours": ASSESSMENT_STATUS_COLOURS,
		"assessment_statuses": ASSESSMENT_STATUSES,
		"comparison_groups": COMPARISON_GROUPS,
		"grades": GRADES,
		"manual": MANUAL,
		"year": current_year(),
	}
