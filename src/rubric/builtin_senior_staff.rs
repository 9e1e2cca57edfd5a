// @generated from rubric/senior-staff.yaml by `LEVELUP_BLESS=1 cargo test builtin_code`. Do not edit:
// change the YAML and regenerate; the test fails while this file is stale.

use super::*;

pub(super) fn rubric() -> Rubric {
    let mut rubric = Rubric {
        id: "senior-staff".into(),
        version: "1.0.0".into(),
        title: "Senior → Staff Engineer".into(),
        description: "Where a senior software engineer stands on the way to Staff: scope, time horizon, leadership, decisions, impact, communication, alignment, breadth, problem framing, coding time, Staff skills and track record.".into(),
        levels: vec![
            Level { id: "senior".into(), title: "Senior Engineer".into(), summary: "Makes one team excellent: delivers complex work with little guidance, mentors teammates and keeps the team's technical quality high.".into() },
            Level { id: "staff".into(), title: "Staff Engineer".into(), summary: "Makes the organisation excellent: enables several teams, shapes technical strategy and multiplies how effective engineering is across the company.".into() },
        ],
        default_target: 1,
        scoring: Scoring { rule: Rule::WeightedMean, reach: 0.8, min_dimensions_at_level: 8, borderline: 0.1 },
        dimensions: vec![
            Dimension {
                id: "scope".into(),
                title: "Scope".into(),
                summary: "How far your work reaches — one team, or several.".into(),
                weight: 3.0,
                descriptions: vec![
                    "Owns features and projects inside one team, from design to rollout. The stakeholders are the team itself and perhaps one product manager. Typical work: a new capability in the team's own service, such as a payment flow.".into(),
                    "Owns initiatives that cross several teams (three to six is common) and systems many teams depend on. Stakeholders include other teams, engineering directors, product leadership and sometimes executives. Typical work: a shared platform that ten teams build on, coordinated across backend, infrastructure and data.".into(),
                ],
                questions: vec![
                    Question {
                        id: "scope.teams".into(),
                        prompt: "How many teams does the largest piece of work you lead span?".into(),
                        help: None,
                        weight: 2.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "one-team".into(), label: "My own team only".into(), position: 0.0, points: 0.0 },
                                Choice { id: "two-teams".into(), label: "My team and one other".into(), position: 0.5, points: 0.0 },
                                Choice { id: "three-to-four".into(), label: "Three or four teams".into(), position: 1.0, points: 0.0 },
                                Choice { id: "five-or-more".into(), label: "Five or more teams, or the whole platform".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "scope.stakeholders".into(),
                        prompt: "Besides your own team and product manager, who are regular stakeholders of your work?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Checklist { items: vec![
                                Item { id: "other-teams".into(), label: "Engineers and leads on other teams".into(), weight: 2.0, points: 0.0 },
                                Item { id: "directors".into(), label: "Engineering directors".into(), weight: 2.0, points: 0.0 },
                                Item { id: "product-leadership".into(), label: "Product leadership".into(), weight: 1.0, points: 0.0 },
                                Item { id: "executives".into(), label: "Executives".into(), weight: 1.0, points: 0.0 },
                            ], low: 0.0, high: 1.0 },
                    },
                    Question {
                        id: "scope.initiative".into(),
                        prompt: "Which best describes the most significant thing you delivered in the last year?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "team-feature".into(), label: "A feature or service for my own team".into(), position: 0.0, points: 0.0 },
                                Choice { id: "team-system".into(), label: "A critical system my team owns, end to end".into(), position: 0.25, points: 0.0 },
                                Choice { id: "cross-team-project".into(), label: "A project that needed another team's changes to land".into(), position: 0.5, points: 0.0 },
                                Choice { id: "multi-team-initiative".into(), label: "An initiative several teams delivered under my technical lead".into(), position: 1.0, points: 0.0 },
                                Choice { id: "platform".into(), label: "A shared platform, library or standard that many teams now build on".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                ],
                actions: vec![
                    "Volunteer for a project that needs at least two other teams to succeed, and take the technical lead on it.".into(),
                    "Map who depends on your team's systems and meet the leads of the three biggest consumers.".into(),
                    "Find a problem several teams share (duplicated tooling, a flaky integration) and write a one-page proposal to solve it once.".into(),
                    "Ask your manager which cross-team initiative next half has no technical owner yet.".into(),
                ],
            },
            Dimension {
                id: "horizon".into(),
                title: "Time horizon".into(),
                summary: "How far ahead you plan, and how long your work takes to pay off.".into(),
                weight: 2.0,
                descriptions: vec![
                    "Plans a few months ahead — the team's roadmap for the next three to six months. Results show within weeks to a quarter.".into(),
                    "Shapes technical strategy six to eighteen months out and sees problems coming before they turn urgent. Results often take months or years to show, and feedback arrives slowly.".into(),
                ],
                questions: vec![
                    Question {
                        id: "horizon.planning".into(),
                        prompt: "How far ahead does the technical plan you own or shape reach?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "weeks".into(), label: "The next few weeks".into(), position: 0.0, points: 0.0 },
                                Choice { id: "quarter".into(), label: "This quarter".into(), position: 0.0, points: 0.0 },
                                Choice { id: "three-to-six-months".into(), label: "Three to six months".into(), position: 0.2, points: 0.0 },
                                Choice { id: "six-to-twelve-months".into(), label: "Six to twelve months".into(), position: 0.7, points: 0.0 },
                                Choice { id: "one-to-two-years".into(), label: "A year or more".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "horizon.payoff".into(),
                        prompt: "When your most important work pays off, how long after you start does it usually show?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "weeks".into(), label: "Within weeks".into(), position: 0.0, points: 0.0 },
                                Choice { id: "a-quarter".into(), label: "Within a quarter".into(), position: 0.25, points: 0.0 },
                                Choice { id: "several-months".into(), label: "After several months".into(), position: 0.6, points: 0.0 },
                                Choice { id: "a-year-or-more".into(), label: "After a year or more".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "horizon.anticipate".into(),
                        prompt: "I spot technical problems months before they become urgent, and get them onto a roadmap.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                ],
                actions: vec![
                    "Write a one-page view of where your area's architecture needs to be in 12–18 months, and review it with your manager and a Staff engineer.".into(),
                    "Keep a running list of risks you see coming (scaling limits, ageing dependencies, growing toil) and bring the top one to each quarter's planning.".into(),
                    "Read your organisation's product and business plans for the coming year and note which technical bets they imply.".into(),
                    "Study a long-running initiative in your company — what was decided early, and what it cost later.".into(),
                ],
            },
            Dimension {
                id: "leadership".into(),
                title: "Leadership".into(),
                summary: "How you lead — by example inside a team, or through influence across teams.".into(),
                weight: 2.0,
                descriptions: vec![
                    "Leads by example: code others copy, thorough reviews, written-down decisions, time for teammates and two or three mentees. Influence reaches the immediate team, roughly five to eight people who share a manager.".into(),
                    "Leads through influence: sets direction with RFCs and design reviews, builds agreement across teams whose incentives differ, mentors future Staff engineers and removes organisational blockers. Influence reaches 20 to 50 or more people across teams that do not share a manager.".into(),
                ],
                questions: vec![
                    Question {
                        id: "leadership.style".into(),
                        prompt: "How do you most often change the way other engineers build things?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "by-example".into(), label: "Through my own code, reviews and example in my team".into(), position: 0.0, points: 0.0 },
                                Choice { id: "team-practices".into(), label: "By setting practices and standards for my team".into(), position: 0.3, points: 0.0 },
                                Choice { id: "design-reviews".into(), label: "Through RFCs and design reviews that other teams follow".into(), position: 0.75, points: 0.0 },
                                Choice { id: "cross-team-consensus".into(), label: "By getting teams with different goals to agree on a shared direction".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "leadership.reach".into(),
                        prompt: "Roughly how many engineers regularly act on your technical guidance?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Number { min: 0.0, max: 10000.0, unit: Some("people".into()), bands: vec![
                                Band { from: 0.0, to: 9.0, label: "about one team".into(), position: 0.0, points: 0.0 },
                                Band { from: 9.0, to: 20.0, label: "beyond one team".into(), position: 0.5, points: 0.0 },
                                Band { from: 20.0, to: 10000.0, label: "several teams".into(), position: 1.0, points: 0.0 },
                            ] },
                    },
                    Question {
                        id: "leadership.mentoring".into(),
                        prompt: "Whom do you mentor at the moment?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "nobody".into(), label: "Nobody regularly".into(), position: 0.0, points: 0.0 },
                                Choice { id: "teammates".into(), label: "Junior and mid-level engineers on my team".into(), position: 0.0, points: 0.0 },
                                Choice { id: "seniors".into(), label: "Senior engineers, including on other teams".into(), position: 0.6, points: 0.0 },
                                Choice { id: "staff-candidates".into(), label: "Engineers working towards Staff".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "leadership.hard-problems".into(),
                        prompt: "When a hard technical problem lands in your area, what do you usually do?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "solve-myself".into(), label: "Solve it myself — it is quickest".into(), position: 0.0, points: 0.0 },
                                Choice { id: "pair".into(), label: "Pair with someone on it so they learn".into(), position: 0.5, points: 0.0 },
                                Choice { id: "enable".into(), label: "Set someone else up to own it and help shape the approach".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                ],
                actions: vec![
                    "Write an RFC for a change that affects more than your team, and run its review yourself.".into(),
                    "Take on a senior engineer from another team as a mentee and meet every two weeks.".into(),
                    "Before picking up the next hard problem yourself, hand it to someone with a clear brief and review their approach instead.".into(),
                    "Find one organisational blocker (an unowned system, a slow approval) and see it removed.".into(),
                ],
            },
            Dimension {
                id: "decisions".into(),
                title: "Decisions".into(),
                summary: "The reach and lifespan of the technical decisions you make.".into(),
                weight: 2.0,
                descriptions: vec![
                    "Makes project-level calls and the architecture of the team's own domain: approach, performance, quality, testing and rollout.".into(),
                    "Makes strategic and architectural decisions whose consequences cross team boundaries and last for years, weighed against where the organisation is heading.".into(),
                ],
                questions: vec![
                    Question {
                        id: "decisions.level".into(),
                        prompt: "What is the broadest technical decision you made or drove in the last six months?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "implementation".into(), label: "How to build a feature: approach, libraries, tests".into(), position: 0.0, points: 0.0 },
                                Choice { id: "team-architecture".into(), label: "The architecture of a system my team owns".into(), position: 0.3, points: 0.0 },
                                Choice { id: "cross-team-interface".into(), label: "An interface or contract between my team and others".into(), position: 0.7, points: 0.0 },
                                Choice { id: "platform-direction".into(), label: "A direction many teams follow: a platform, a standard or a migration".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "decisions.consequences".into(),
                        prompt: "Before I decide, I work out what the choice means for other teams and how it will hold up in two years.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                ],
                actions: vec![
                    "For your next significant decision, write down the options, their cost to other teams and their long-term effects, and share it beyond your team.".into(),
                    "Join or start an architecture review and review one other team's design each month.".into(),
                    "Pick a decision with cross-team consequences that nobody is making, and propose an answer.".into(),
                ],
            },
            Dimension {
                id: "impact".into(),
                title: "Impact".into(),
                summary: "What gets faster or better because of you — your team, or the organisation.".into(),
                weight: 2.0,
                descriptions: vec![
                    "Makes the team faster: ships high-quality features, keeps systems reliable, grows junior engineers. Judged by features delivered, code quality, reliability and how mentees grow; shows within weeks to months.".into(),
                    "Makes the organisation faster: multi-team initiatives succeed, reusable systems and patterns spread, the engineering bar rises and technical choices serve business goals. Mostly indirect — others succeed with what you built — and shows over months to years.".into(),
                ],
                questions: vec![
                    Question {
                        id: "impact.measure".into(),
                        prompt: "How would the people who judge your work mostly measure it?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "features".into(), label: "Features shipped and their quality".into(), position: 0.0, points: 0.0 },
                                Choice { id: "team-speed".into(), label: "How much faster and more reliable my team became".into(), position: 0.3, points: 0.0 },
                                Choice { id: "multi-team".into(), label: "Whether initiatives spanning several teams succeeded".into(), position: 0.8, points: 0.0 },
                                Choice { id: "org-speed".into(), label: "How much faster several teams move thanks to systems or patterns I created".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "impact.leverage".into(),
                        prompt: "Which of these have you done in the last year?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Checklist { items: vec![
                                Item { id: "reusable-system".into(), label: "Built something other teams adopted without needing me".into(), weight: 1.0, points: 0.0 },
                                Item { id: "initiative".into(), label: "Led a multi-team initiative to a successful end".into(), weight: 1.0, points: 0.0 },
                                Item { id: "raised-bar".into(), label: "Raised a technical standard beyond my team (reviews, testing, incident practice)".into(), weight: 1.0, points: 0.0 },
                                Item { id: "business-outcome".into(), label: "Made a technical choice that directly enabled a business goal".into(), weight: 1.0, points: 0.0 },
                            ], low: 0.0, high: 1.0 },
                    },
                ],
                actions: vec![
                    "Turn something your team built into something other teams can adopt (a library, a template, a service), and track who adopts it.".into(),
                    "For your current work, write down which business goal it serves and how you would show the effect.".into(),
                    "Ask two teams what slows them down most, and remove one cause that affects both.".into(),
                ],
            },
            Dimension {
                id: "communication".into(),
                title: "Communication".into(),
                summary: "Whom you communicate with, in which forms, and how you adapt to the audience.".into(),
                weight: 2.0,
                descriptions: vec![
                    "Communicates mostly in writing and inside the team — code, pull requests, team documents, standups, design meetings — with deep technical talk among five to ten people a day.".into(),
                    "Communicates across the organisation through RFCs, strategy documents, presentations and executive summaries, with 30 to 50 or more people a week; translates between technical domains and explains one idea differently to engineers, product managers and executives.".into(),
                ],
                questions: vec![
                    Question {
                        id: "communication.forms".into(),
                        prompt: "Which of these did you produce in the last quarter?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Checklist { items: vec![
                                Item { id: "rfc".into(), label: "An RFC or design proposal reviewed outside my team".into(), weight: 1.0, points: 0.0 },
                                Item { id: "strategy-doc".into(), label: "A strategy or vision document".into(), weight: 1.0, points: 0.0 },
                                Item { id: "presentation".into(), label: "A talk to several teams or an all-hands".into(), weight: 1.0, points: 0.0 },
                                Item { id: "exec-summary".into(), label: "A summary written for executives or senior leaders".into(), weight: 1.0, points: 0.0 },
                            ], low: 0.0, high: 1.0 },
                    },
                    Question {
                        id: "communication.reach".into(),
                        prompt: "How many different people do you work with through messages or meetings in a typical week?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Number { min: 0.0, max: 10000.0, unit: Some("people".into()), bands: vec![
                                Band { from: 0.0, to: 15.0, label: "about one team".into(), position: 0.0, points: 0.0 },
                                Band { from: 15.0, to: 30.0, label: "beyond one team".into(), position: 0.5, points: 0.0 },
                                Band { from: 30.0, to: 10000.0, label: "across the organisation".into(), position: 1.0, points: 0.0 },
                            ] },
                    },
                    Question {
                        id: "communication.audience".into(),
                        prompt: "I explain the same technical idea differently to engineers, product managers and executives, and it lands with each.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                ],
                actions: vec![
                    "Write an RFC for your next significant change and send it to at least two other teams.".into(),
                    "Present a technical topic at an engineering all-hands or a cross-team forum this quarter.".into(),
                    "Write a one-page summary of a technical problem for your director, and ask what was missing.".into(),
                    "Join the channels of teams that depend on yours and answer their questions there.".into(),
                ],
            },
            Dimension {
                id: "autonomy".into(),
                title: "Autonomy and alignment".into(),
                summary: "Working independently inside your team, or creating alignment among others.".into(),
                weight: 2.0,
                descriptions: vec![
                    "Highly autonomous within the team's scope: delivers complex work with little guidance, owns the team's critical systems and unblocks teammates.".into(),
                    "Autonomous across the organisation and responsible for aligning others: sets a domain's technical strategy, finds and ranks problems before they are urgent, gets teams with competing priorities to agree, and represents engineering to other functions.".into(),
                ],
                questions: vec![
                    Question {
                        id: "autonomy.initiative".into(),
                        prompt: "How does most of your work reach you?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "assigned".into(), label: "My manager or the team's plan assigns it".into(), position: 0.0, points: 0.0 },
                                Choice { id: "shaped".into(), label: "I shape what my team takes on".into(), position: 0.4, points: 0.0 },
                                Choice { id: "self-identified".into(), label: "I find the problems worth solving and get them prioritised, often beyond my team".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "autonomy.conflict".into(),
                        prompt: "When two teams disagree on a technical direction that affects you, what do you typically do?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "wait".into(), label: "Wait for managers to settle it".into(), position: 0.0, points: 0.0 },
                                Choice { id: "advocate".into(), label: "Argue for my team's position".into(), position: 0.3, points: 0.0 },
                                Choice { id: "broker".into(), label: "Bring both sides together and work out a direction both can accept".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "autonomy.relationships".into(),
                        prompt: "I have working relationships with engineers and leads on several other teams that I can call on.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                ],
                actions: vec![
                    "Start Staff-level work now rather than waiting to be asked — pick a cross-team problem and own it.".into(),
                    "Set up regular one-to-ones with a tech lead on each of two teams you depend on.".into(),
                    "The next time teams disagree, offer to write up both positions and run the decision.".into(),
                ],
            },
            Dimension {
                id: "breadth".into(),
                title: "Technical breadth".into(),
                summary: "Depth in your team's stack, or systems thinking across domains.".into(),
                weight: 1.5,
                descriptions: vec![
                    "Deep in the team's stack, strong in neighbouring areas, aware of the wider system; the person to ask about the team's services.".into(),
                    "Deep in at least one major area with working knowledge of most of the stack; sees how the parts connect — how one team's choices shape another's capacity or abstractions — and picks up new domains fast.".into(),
                ],
                questions: vec![
                    Question {
                        id: "breadth.domains".into(),
                        prompt: "In which areas could you review a design competently?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Checklist { items: vec![
                                Item { id: "backend".into(), label: "Backend services".into(), weight: 1.0, points: 0.0 },
                                Item { id: "clients".into(), label: "Web or mobile clients".into(), weight: 1.0, points: 0.0 },
                                Item { id: "data".into(), label: "Data pipelines and storage".into(), weight: 1.0, points: 0.0 },
                                Item { id: "infrastructure".into(), label: "Infrastructure and deployment".into(), weight: 1.0, points: 0.0 },
                                Item { id: "security".into(), label: "Security".into(), weight: 1.0, points: 0.0 },
                                Item { id: "reliability".into(), label: "Observability and reliability".into(), weight: 1.0, points: 0.0 },
                            ], low: 0.0, high: 1.0 },
                    },
                    Question {
                        id: "breadth.systems".into(),
                        prompt: "I can explain how a change in one team's system affects other teams' capacity, cost or roadmap.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                    Question {
                        id: "breadth.learning".into(),
                        prompt: "When you have to work in an unfamiliar domain, how soon are you useful?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "hand-off".into(), label: "I would rather hand it to a specialist".into(), position: 0.0, points: 0.0 },
                                Choice { id: "months".into(), label: "After a few months".into(), position: 0.3, points: 0.0 },
                                Choice { id: "weeks".into(), label: "Within weeks I make sound calls there".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                ],
                actions: vec![
                    "Spend a week embedded with a team whose stack you do not know — pair, shadow their on-call.".into(),
                    "Trace one user request through every system it touches, draw it, and review the drawing with the owners.".into(),
                    "Review two designs a month from domains outside your own.".into(),
                ],
            },
            Dimension {
                id: "framing".into(),
                title: "Problem framing".into(),
                summary: "“How do we build it?” versus “Should we build it, and what are we not building?”".into(),
                weight: 1.5,
                descriptions: vec![
                    "Solves the technical problem well: the best approach, performance and scale, clean and tested code, a safe rollout.".into(),
                    "Questions the problem first: is it the right one, what does it mean for the business, how does it fit the strategy, what will not get built instead, and how can teams go faster in the long run — for example one shared library instead of a cache per service.".into(),
                ],
                questions: vec![
                    Question {
                        id: "framing.first-question".into(),
                        prompt: "When a large feature request reaches you, what is your first question?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "how".into(), label: "How should we build it?".into(), position: 0.0, points: 0.0 },
                                Choice { id: "simplest".into(), label: "What is the simplest design that will scale?".into(), position: 0.25, points: 0.0 },
                                Choice { id: "why".into(), label: "What problem does this solve, and is it the right one?".into(), position: 0.75, points: 0.0 },
                                Choice { id: "opportunity-cost".into(), label: "What will we not build if we build this, and how does it fit our strategy?".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                    Question {
                        id: "framing.said-no".into(),
                        prompt: "In the last year I argued, successfully, for not building something, or for building one shared thing instead of several.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                    Question {
                        id: "framing.business".into(),
                        prompt: "I can name the business goal each of my current projects serves.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                ],
                actions: vec![
                    "For the next request you get, write down the problem it solves, the alternatives (doing nothing included) and what it pushes aside.".into(),
                    "Find two teams building similar things and propose one shared solution, with its upfront cost and later payoff.".into(),
                    "Sit in on a product planning session and ask about the business case behind a technical request.".into(),
                ],
            },
            Dimension {
                id: "coding".into(),
                title: "Coding time".into(),
                summary: "How much of your week is hands-on code — a signal of where your time goes, not a target.".into(),
                weight: 1.0,
                descriptions: vec![
                    "Codes for most of the week, about 50–70%, around reviews, standups and design discussions.".into(),
                    "Codes for about 20–40% of the week, on the code that matters most: critical fixes in shared libraries, prototypes, pairing on hard problems — close enough to the code to stay sharp.".into(),
                ],
                questions: vec![
                    Question {
                        id: "coding.percent".into(),
                        prompt: "About what share of your working week do you spend writing or reviewing code?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Number { min: 0.0, max: 100.0, unit: Some("%".into()), bands: vec![
                                Band { from: 0.0, to: 20.0, label: "below the usual Staff range — mind the distance from code".into(), position: 0.75, points: 0.0 },
                                Band { from: 20.0, to: 40.0, label: "the usual Staff range, 20–40%".into(), position: 1.0, points: 0.0 },
                                Band { from: 40.0, to: 50.0, label: "between the Senior and Staff ranges".into(), position: 0.5, points: 0.0 },
                                Band { from: 50.0, to: 70.0, label: "the usual Senior range, 50–70%".into(), position: 0.0, points: 0.0 },
                                Band { from: 70.0, to: 100.0, label: "mostly coding".into(), position: 0.0, points: 0.0 },
                            ] },
                    },
                    Question {
                        id: "coding.kind".into(),
                        prompt: "What does most of your hands-on code go into?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "team-backlog".into(), label: "Features from my team's backlog".into(), position: 0.0, points: 0.0 },
                                Choice { id: "mixed".into(), label: "A mix of team features and shared or cross-team code".into(), position: 0.5, points: 0.0 },
                                Choice { id: "leverage".into(), label: "Critical fixes in shared code, prototypes and pairing on hard problems".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                ],
                actions: vec![
                    "Keep coding, but choose the code with the most leverage — shared libraries, prototypes that settle a decision, fixes others are stuck on.".into(),
                    "Swap some solo feature work for pairing sessions with senior engineers on hard problems.".into(),
                    "Protect a few hours a week for hands-on work so that you do not drift away from the code.".into(),
                ],
            },
            Dimension {
                id: "skills".into(),
                title: "Staff skills".into(),
                summary: "The skills that weigh more at Staff: communication, strategy, prioritisation, patience, humility, political awareness and business sense.".into(),
                weight: 1.5,
                descriptions: vec![
                    "Strong technical judgement; the other skills show mostly inside the team.".into(),
                    "Persuades, presents and writes well; sees patterns and anticipates problems; knows what not to do; lets others build — and improve — their designs; reads how the organisation really works; ties technology to business value.".into(),
                ],
                questions: vec![
                    Question {
                        id: "skills.strengths".into(),
                        prompt: "Which of these would colleagues outside your team say you are good at?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Checklist { items: vec![
                                Item { id: "persuasion".into(), label: "Persuading: presenting and writing so that people act".into(), weight: 1.0, points: 0.0 },
                                Item { id: "strategy".into(), label: "Seeing patterns and anticipating problems".into(), weight: 1.0, points: 0.0 },
                                Item { id: "prioritisation".into(), label: "Knowing what not to do".into(), weight: 1.0, points: 0.0 },
                                Item { id: "patience".into(), label: "Letting others implement your designs".into(), weight: 1.0, points: 0.0 },
                                Item { id: "humility".into(), label: "Accepting that others will improve your ideas".into(), weight: 1.0, points: 0.0 },
                                Item { id: "politics".into(), label: "Reading the organisation's dynamics".into(), weight: 1.0, points: 0.0 },
                                Item { id: "business".into(), label: "Connecting technology to business value".into(), weight: 1.0, points: 0.0 },
                            ], low: 0.0, high: 1.0 },
                    },
                    Question {
                        id: "skills.letting-go".into(),
                        prompt: "I am comfortable when others implement my design and change it along the way.".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Scale { low: 0.0, high: 1.0, points: vec![] },
                    },
                ],
                actions: vec![
                    "Ask two colleagues outside your team which of these skills you show least, and practise that one this quarter.".into(),
                    "Before each planning cycle, write down three things you will deliberately not do, and why.".into(),
                    "Ask your manager how a recent cross-team decision was really made — who needed convincing, and why.".into(),
                ],
            },
            Dimension {
                id: "transition".into(),
                title: "Track record".into(),
                summary: "Whether you already do next-level work, visibly, and for long enough.".into(),
                weight: 1.0,
                descriptions: vec![
                    "Excellent work at the current level; next-level work happens now and then, when it is handed over.".into(),
                    "Has done Staff-level work for six to twelve months before any promotion, with relationships across teams, visible writing and talks, and senior sponsors who will speak up for them.".into(),
                ],
                questions: vec![
                    Question {
                        id: "transition.done".into(),
                        prompt: "Which of these are already true for you?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Checklist { items: vec![
                                Item { id: "staff-work".into(), label: "I do Staff-level work now, without the title".into(), weight: 1.0, points: 0.0 },
                                Item { id: "cross-team".into(), label: "I volunteered for a cross-team project".into(), weight: 1.0, points: 0.0 },
                                Item { id: "relationships".into(), label: "I have built relationships on other teams".into(), weight: 1.0, points: 0.0 },
                                Item { id: "strategy".into(), label: "I study architecture and the business context on purpose".into(), weight: 1.0, points: 0.0 },
                                Item { id: "rfc".into(), label: "I have written RFCs or given talks beyond my team".into(), weight: 1.0, points: 0.0 },
                                Item { id: "sponsor".into(), label: "A senior leader would argue for my promotion".into(), weight: 1.0, points: 0.0 },
                            ], low: 0.0, high: 1.0 },
                    },
                    Question {
                        id: "transition.months".into(),
                        prompt: "For how many months have you consistently done Staff-level work?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Number { min: 0.0, max: 600.0, unit: Some("months".into()), bands: vec![
                                Band { from: 0.0, to: 3.0, label: "not yet".into(), position: 0.0, points: 0.0 },
                                Band { from: 3.0, to: 6.0, label: "a start".into(), position: 0.4, points: 0.0 },
                                Band { from: 6.0, to: 12.0, label: "close to the usual 6–12 months".into(), position: 0.8, points: 0.0 },
                                Band { from: 12.0, to: 600.0, label: "sustained".into(), position: 1.0, points: 0.0 },
                            ] },
                    },
                    Question {
                        id: "transition.motive".into(),
                        prompt: "What mostly draws you to the next level?".into(),
                        help: None,
                        weight: 1.0,
                        kind: Kind::Choice(vec![
                                Choice { id: "title-and-pay".into(), label: "The title and the pay".into(), position: 0.0, points: 0.0 },
                                Choice { id: "recognition".into(), label: "Recognition for work I already do".into(), position: 0.5, points: 0.0 },
                                Choice { id: "impact".into(), label: "The wider impact I could have".into(), position: 1.0, points: 0.0 },
                            ]),
                    },
                ],
                actions: vec![
                    "Pick one Staff-level responsibility from your gaps and carry it for the next six months, title or not.".into(),
                    "Ask your manager who could sponsor you, and agree with them what evidence they would need to see.".into(),
                    "Keep a record of your cross-team work (documents, decisions, outcomes) as you go; a promotion case needs 6–12 months of it.".into(),
                    "Tell your manager you want cross-team work, and ask for the next chance at it.".into(),
                ],
            },
        ],
        fit: Some(Fit {
                intro: "These questions ask whether you want the next level, not whether you are ready for it. They never change your level estimate.".into(),
                note: "Both paths are valid. At many companies Senior is a career level in its own right — a fulfilling and well-paid place to stay — and not everyone wants or needs to become Staff.".into(),
                questions: vec![
                    FitQuestion { id: "fit.pursue".into(), prompt: "Which of these sound like you?".into(), items: vec![
                            FitItem { id: "ambiguity".into(), label: "Messy, ambiguous problems energise me".into(), leans: Leaning::Pursue },
                            FitItem { id: "direction".into(), label: "I want to shape technical direction".into(), leans: Leaning::Pursue },
                            FitItem { id: "multiplying".into(), label: "I enjoy mentoring and making others more effective".into(), leans: Leaning::Pursue },
                            FitItem { id: "organisations".into(), label: "I am curious how organisations work".into(), leans: Leaning::Pursue },
                            FitItem { id: "foresight".into(), label: "I can see 6–18 months ahead".into(), leans: Leaning::Pursue },
                            FitItem { id: "beyond-team".into(), label: "I want problems bigger than one team".into(), leans: Leaning::Pursue },
                        ] },
                    FitQuestion { id: "fit.stay".into(), prompt: "And which of these?".into(), items: vec![
                            FitItem { id: "love-coding".into(), label: "I love coding and want to do it most of the time".into(), leans: Leaning::Stay },
                            FitItem { id: "clear-problems".into(), label: "I prefer clearly defined problems".into(), leans: Leaning::Stay },
                            FitItem { id: "happy-scope".into(), label: "I am happy with my current scope".into(), leans: Leaning::Stay },
                            FitItem { id: "balance".into(), label: "Work–life balance matters more to me than the next title".into(), leans: Leaning::Stay },
                            FitItem { id: "management".into(), label: "The management track appeals to me more".into(), leans: Leaning::Stay },
                            FitItem { id: "founding".into(), label: "I would like to start a company or go independent".into(), leans: Leaning::Stay },
                        ] },
                ],
            }),
        pitfalls: vec![
            Pitfall { id: "waiting-for-permission".into(), title: "Waiting for permission".into(), message: "Your work mostly comes to you, or you are not yet doing Staff-level work. Promotions to Staff usually recognise work already being done: start acting at the next level now instead of waiting to be asked.".into(), when: Condition::Any(vec![Condition::Answer { question: "autonomy.initiative".into(), test: Test::In(vec!["assigned".into()]) }, Condition::Answer { question: "transition.done".into(), test: Test::Lacks("staff-work".into()) }]) },
            Pitfall { id: "promotion-only".into(), title: "Optimising only for the promotion".into(), message: "The title and pay are your main draw. That tends to show; aim for real impact across teams and let the promotion follow the evidence.".into(), when: Condition::Answer { question: "transition.motive".into(), test: Test::In(vec!["title-and-pay".into()]) } },
            Pitfall { id: "neglecting-relationships".into(), title: "Neglecting relationships".into(), message: "You have few working relationships outside your team. Technical excellence alone does not carry Staff work — it depends on people on other teams trusting you. Invest in those relationships on purpose.".into(), when: Condition::Answer { question: "autonomy.relationships".into(), test: Test::In(vec!["strongly-disagree".into(), "disagree".into()]) } },
            Pitfall { id: "too-far-from-code".into(), title: "Too far from the code".into(), message: "Under about 20% hands-on time, skills and credibility fade. Keep some real coding in your week: critical fixes, prototypes, pairing.".into(), when: Condition::Answer { question: "coding.percent".into(), test: Test::Below(20.0) } },
            Pitfall { id: "bottleneck".into(), title: "Becoming the bottleneck".into(), message: "You take hard problems on yourself. At Staff scope that makes you the bottleneck; multiply others instead of doing everything yourself.".into(), when: Condition::Any(vec![Condition::Answer { question: "leadership.hard-problems".into(), test: Test::In(vec!["solve-myself".into()]) }, Condition::All(vec![Condition::Answer { question: "coding.percent".into(), test: Test::Above(70.0) }, Condition::Answer { question: "scope.teams".into(), test: Test::In(vec!["three-to-four".into(), "five-or-more".into()]) }])]) },
        ],
        compensation: Some(Compensation { year: 2025, market: "US tech market".into(), currency: "USD".into(), note: "Typical ranges, for context only: moving from Senior to Staff usually comes with 30–50% more total compensation. Real figures vary widely by company, location and year.".into(), levels: vec![
                    Pay { level: 0, base: Range { min: 130000.0, max: 200000.0, open_ended: false }, total: Range { min: 180000.0, max: 300000.0, open_ended: false } },
                    Pay { level: 1, base: Range { min: 170000.0, max: 250000.0, open_ended: false }, total: Range { min: 250000.0, max: 450000.0, open_ended: true } },
                ] }),
        index: BTreeMap::new(),
    };
    rubric.build_index();
    rubric
}
