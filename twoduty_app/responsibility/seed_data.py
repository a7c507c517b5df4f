"""The duty catalogue and checklist templates that ship with the app (source: ../shared/seed, the
county commission's interview outline, and the province's and city's rules it cites).

Each record has a stable seed key; seeding creates what is missing and never touches what exists."""

from twoduty_app.common import vocabulary as v
from twoduty_app.common.vocabulary import DEPARTMENT as _DEPARTMENT
from twoduty_app.common.vocabulary import FIRST_LEVEL_TYPES as FIRST_LEVEL
from twoduty_app.common.vocabulary import TOWNSHIP as _TOWNSHIP

TOWNSHIP = (_TOWNSHIP,)
DEPARTMENT = (_DEPARTMENT,)

# (layer, group, source, applies to): [(seed key, name, frequency, evidence, requirement), …]
DUTY_GROUPS = [
	# 主体责任五个方面 (central)
	(
		("Collective", "Five Aspects", "Central", FIRST_LEVEL),
		[
			("aspect-01", "选好用好干部", "Yearly", "Meeting Minutes", "坚持正确用人导向，防止选人用人上的不正之风和腐败问题。"),
			("aspect-02", "维护群众权益", "Quarterly", "Report", "坚决纠正损害群众利益的不正之风。"),
			("aspect-03", "强化源头防治", "Yearly", "Plan", "深化改革，健全制度，加强对权力运行的制约和监督。"),
			("aspect-04", "支持案件查处", "Yearly", "Report", "领导和支持执纪执法机关查处违纪违法问题。"),
			("aspect-05", "加强自我约束", "Yearly", "Report", "党委（党组）领导班子成员管好自己、管好家属和身边工作人员。"),
		],
	),
	# 把五关、防五风 (province)
	(
		("Collective", "Five Gates and Five Winds", "Province", FIRST_LEVEL),
		[
			("gate-01", "把好干部选拔任用关，防止选人用人不正之风", "Yearly", "Meeting Minutes", ""),
			("gate-02", "把好群众利益保障关，防止损害群众利益不良之风", "Quarterly", "Report", ""),
			("gate-03", "把好权力制约监督关，防止权力运行不廉之风", "Yearly", "Ledger", ""),
			("gate-04", "把好违纪违法问题查处关，防止执纪执法不严之风", "Yearly", "Report", ""),
			("gate-05", "把好廉洁从政表率关，防止自我约束不硬之风", "Yearly", "Report", ""),
		],
	),
	# 班子集体责任十项 (city)
	(
		("Collective", "Ten Collective Duties", "City", FIRST_LEVEL),
		[
			("collective-01", "严明政治纪律", "Quarterly", "Meeting Minutes", "严守政治纪律和政治规矩。"),
			("collective-02", "统筹谋划协调", "Quarterly", "Meeting Minutes", "把党风廉政建设纳入工作全局，同部署、同落实、同检查、同考核。"),
			("collective-03", "选好用好干部", "Yearly", "Meeting Minutes", ""),
			("collective-04", "强化作风建设", "Quarterly", "Report", "落实中央八项规定精神，纠治“四风”。"),
			("collective-05", "坚决惩治腐败", "Yearly", "Report", "对腐败问题零容忍，不瞒案不报、不压案不查。"),
			("collective-06", "规范权力运行", "Quarterly", "Ledger", "坚持民主集中制，“三重一大”事项集体研究，主要负责人末位表态。"),
			("collective-07", "支持纪检工作", "Yearly", "Report", "保障纪检机构人员、经费、办公条件，支持其履行监督责任。"),
			("collective-08", "严格监督考核", "Yearly", "Report", ""),
			("collective-09", "健全工作机制", "Yearly", "Plan", ""),
			("collective-10", "发挥表率作用", "Yearly", "Report", ""),
		],
	),
	# 主要负责人第一责任: county departments
	(
		("First Responsible Person", "First Duty of County Departments", "City", DEPARTMENT),
		[
			("first-dept-01", "牵头抓总", "Yearly", "Plan", ""),
			("first-dept-02", "统筹协调", "Quarterly", "Meeting Minutes", ""),
			("first-dept-03", "组织推动", "Quarterly", "Meeting Minutes", ""),
			("first-dept-04", "监督检查", "Quarterly", "Report", ""),
			("first-dept-05", "示范带动", "Yearly", "Report", ""),
		],
	),
	# 主要负责人第一责任: townships
	(
		("First Responsible Person", "First Duty of Townships", "City", TOWNSHIP),
		[
			("first-town-01", "遵守政治纪律", "Yearly", "Report", ""),
			("first-town-02", "亲自抓促落实", "Quarterly", "Meeting Minutes", ""),
			("first-town-03", "深化作风建设", "Quarterly", "Report", ""),
			("first-town-04", "加强队伍建设", "Yearly", "Report", ""),
			("first-town-05", "当好廉政表率", "Yearly", "Report", ""),
		],
	),
	# 四个亲自
	(
		("First Responsible Person", "Four Personally", "City", FIRST_LEVEL),
		[
			("personally-01", "重要工作亲自部署", "Quarterly", "Meeting Minutes", ""),
			("personally-02", "重大问题亲自过问", "Quarterly", "Talk Notes", ""),
			("personally-03", "重点环节亲自协调", "Quarterly", "Meeting Minutes", ""),
			("personally-04", "重要案件亲自督办", "Yearly", "Report", ""),
		],
	),
	# 班子成员一岗双责
	(
		("Team Member", "One Post Two Duties", "City", FIRST_LEVEL),
		[
			("team-01", "一岗双责：抓好分管领域和联系村（站、股室）的党风廉政建设", "Quarterly", "Talk Notes", "对分管村组、站所、股室的党风廉政建设负领导责任，定期听取汇报、开展廉政谈话。"),
		],
	),
	# 监督责任
	(
		("Supervisory", "Supervisory Duty", "Central", FIRST_LEVEL),
		[
			("supervisory-01", "协助党委（党组）抓好党风廉政建设", "Quarterly", "Report", ""),
			("supervisory-02", "开展监督检查和廉政提醒谈话", "Quarterly", "Talk Notes", "早打招呼、早提醒，抓早抓小。"),
			("supervisory-03", "严格执纪问责，落实“一案双查”", "Yearly", "Report", ""),
		],
	),
]  # fmt: skip

# (seed key, name, layer, group, source, applies to, frequency, evidence, requirement)
DUTY_ITEMS = [
	(key, name, *common, frequency, evidence, requirement)
	for common, items in DUTY_GROUPS
	for key, name, frequency, evidence, requirement in items
]

# (seed key, name, kind, [(section, item, generated chart if the app draws it), …])
CHECKLIST_TEMPLATES = [
	(
		"support-discipline-secretary",
		"纪委书记履行监督责任保障清单",
		"Supervisory Support",
		[
			("人", "纪委书记专职专用，不分管其他业务工作，没有“明调暗不调”"),
			("人", "纪委书记排名在党委副书记之后、其他班子成员之前"),
			("人", "配备能胜任纪检工作的专兼职纪检干部"),
			("物", "有独立的纪检办公室"),
			("物", "配备办公桌椅"),
			("物", "配备电脑"),
			("物", "配备打印机"),
			("物", "设立并公开举报电话"),
			("物", "配备文件柜，档案规范管理"),
			("事", "纪检工作与业务工作同部署、同落实、同检查、同考核"),
			("事", "主要负责人做到“四个亲自”"),
			("事", "各项制度和工作机制健全并落实"),
		],
	),
	(
		"standard-charts",
		"党风廉政建设标准化“七类图表”清单",
		"Standard Charts",
		[
			# the charts the app draws from its data name their generator; the unit draws the others itself
			("图表", "党风廉政建设责任清单", v.CHART_DUTY_LIST),
			("图表", "主体责任分解表", v.CHART_DUTY_BREAKDOWN),
			("图表", "履职尽责流程图"),
			("图表", "廉政风险防控图"),
			("图表", "权力运行流程图"),
			("图表", "监督检查工作流程图", v.CHART_SUPERVISION_FLOW),
			("图表", "责任追究流程图", v.CHART_ACCOUNTABILITY_FLOW),
		],
	),
]
