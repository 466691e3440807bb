package advisor

// The guide's tables as data. Each rule names its section; Decide cites it
// in every reason it gives.

// Tiers of the guide, lowest first.
const (
	Entry        = "entry"
	Intermediate = "intermediate"
	Enterprise   = "enterprise"
)

// Tiers lists the tiers in order of scale.
var Tiers = []string{Entry, Intermediate, Enterprise}

func rank(tier string) int {
	for i, t := range Tiers {
		if t == tier {
			return i
		}
	}
	return -1
}

// unbounded is a band's open upper end.
const unbounded = -1

// band is one cell of §1.1: the inclusive range of an input that points
// to a tier.
type band struct {
	Input    string // users or concurrency
	Min, Max int64  // inclusive; Max unbounded for the last band
	Tier     string
	Words    string // how the reason says the range
}

// loadBands are §1.1's Users and Concurrency columns.
var loadBands = []band{
	{"users", 0, 999, Entry, "under 1k"},
	{"users", 1_000, 100_000, Intermediate, "in 1k–100k"},
	{"users", 100_001, unbounded, Enterprise, "over 100k"},
	{"concurrency", 0, 99, Entry, "under 100"},
	{"concurrency", 100, 10_000, Intermediate, "in 100–10k"},
	{"concurrency", 10_001, unbounded, Enterprise, "over 10k"},
}

// tierRow is §1.1's description of a tier.
type tierRow struct {
	Tier, Users, Concurrency, Scenario, Focus string
}

var tierRows = []tierRow{
	{Entry, "< 1k", "< 100", "personal projects, MVP, internal tools", "rapid development, simple deployment"},
	{Intermediate, "1k–100k", "100–10k", "enterprise systems, SaaS, mid-size platforms", "layered architecture, coding standards"},
	{Enterprise, "> 100k", "> 10k", "large platforms, internet applications", "microservices, high availability, performance optimization"},
}

// borderline is how close to a band's edge an input must be for the
// neighbouring tier to be a close alternative: within 20%.
const borderline = 0.2

// raise is a rule that moves a project up from one tier to another when
// an input passes a threshold: §6.2's signals and the multi-team
// scenarios of §3.1 and §4.1.
type raise struct {
	Section   string
	Input     string // dau, team or teams
	Threshold int64  // fires when the input is over this
	From      []string
	To        string
	Words     string // "%s %s is over 10" style: the reason's middle
}

// raises apply in order to the tier the load points to.
var raises = []raise{
	{"§6.2", "dau", 100_000, []string{Entry, Intermediate}, Enterprise, "is over 100k: DAU > 100k moves intermediate to enterprise"},
	{"§6.2", "team", 10, []string{Intermediate}, Enterprise, "is over 10 people: a team > 10 moves intermediate to microservices"},
	// §6.2 starts the team signal at intermediate; a team that size on an
	// entry-sized load needs the layers and standards first, not services.
	{"§6.2", "team", 10, []string{Entry}, Intermediate, "is over 10 people: a team > 10 needs intermediate's layers and coding standards before §6.2 moves it on to microservices"},
	{"§3.1", "teams", 1, []string{Entry}, Intermediate, "means multi-team collaboration, a scenario of the intermediate tier"},
	// "Large projects requiring multi-team collaboration": archgen reads
	// large as four or more teams, where one codebase needs several owners.
	{"§4.1", "teams", 3, []string{Intermediate}, Enterprise, "means a large project of several teams (4 or more), a scenario of the enterprise tier"},
}

// smallTeam is the largest team for which the enterprise tier's separate
// services (§4.2: a gateway and four services, each deployed on its own)
// are more than it can run; Decide then stays at intermediate and says so.
const smallTeam = 3

// Language is a row of §1.2.
type Language struct {
	ID           string
	Name         string
	Aliases      []string
	Philosophy   string
	Architecture string
	Frameworks   string
}

var languages = []Language{
	{"go", "Go", []string{"golang"}, "simple and efficient, native concurrency", "clean layering, microservices", "Gin, Echo, Fiber"},
	{"node", "Node.js", []string{"nodejs", "node.js", "js", "javascript", "ts", "typescript"}, "event-driven, non-blocking I/O", "layered architecture + async flows", "Express, NestJS, Fastify"},
	{"python", "Python", []string{"py", "python3"}, "simple and elegant, rapid development", "MTV/MVC, layered architecture", "Django, Flask, FastAPI"},
	{"java", "Java", []string{"jvm"}, "enterprise-grade, strong typing", "strict layering, domain-driven", "Spring Boot, Spring Cloud"},
}

// LanguageOf returns the §1.2 row of a language id.
func LanguageOf(id string) (Language, bool) {
	for _, l := range languages {
		if l.ID == id {
			return l, true
		}
	}
	return Language{}, false
}

// defaultLang is archgen's language when nothing says otherwise.
const defaultLang = "go"

// workload is a line of §7's "choose by language".
type workload struct {
	ID    string
	Lang  string
	Words string
}

var workloads = []workload{
	{"io", "node", "Node.js leverages async characteristics, suitable for I/O-intensive workloads"},
	{"data", "python", "Python is for rapid development, suitable for data processing and AI"},
	{"compute", "go", "Go is high performance, suitable for cloud-native and microservices"},
	{"enterprise", "java", "Java is enterprise-grade, suitable for large complex systems"},
}

func workloadOf(id string) (workload, bool) {
	for _, w := range workloads {
		if w.ID == id {
			return w, true
		}
	}
	return workload{}, false
}

// styleHint prefers a style other than the catalog's default for a
// workload, when the catalog has it at that tier.
type styleHint struct {
	Tier, Lang, Workload, Style, Section, Why string
}

var styleHints = []styleHint{
	{Intermediate, "python", "data", "fastapi", "§5.2", "FastAPI's typed Pydantic schemas and async endpoints suit data and AI services"},
	{Intermediate, "node", "enterprise", "nestjs", "§5.1", "NestJS's modules and dependency injection suit large, structured systems"},
}

// Signal is a row of §6.2: what would justify the next tier. The
// advisor lists them to watch; archgen inspect measures them.
type Signal struct {
	// ID is code_files, build_time, team, dau or service_languages.
	ID     string `json:"id"`
	Signal string `json:"signal"`
	// Over is the threshold in Unit: the signal fires above it.
	Over      float64 `json:"over"`
	Unit      string  `json:"unit"`
	Threshold string  `json:"threshold"`
	// From and To are the guide's current level and upgrade; AppliesAt
	// and NextTier are the archgen tiers they mean.
	From      string   `json:"from"`
	To        string   `json:"to"`
	AppliesAt []string `json:"applies_at"`
	NextTier  string   `json:"next_tier"`
	// Row is the §6.2 row as the guide writes it.
	Row string `json:"row"`
	// Measure says how to measure it on a repository.
	Measure string `json:"measure"`
}

// Signals are §6.2's rows, with how `archgen inspect` measures each. DAU
// applies at entry too: a project past 100k daily users has outgrown
// entry's single file as well.
var Signals = []Signal{
	{"code_files", "code files", 50, "files", "> 50", Entry, Intermediate, []string{Entry}, Intermediate,
		"Code files > 50 | Entry → Intermediate", "archgen inspect DIR"},
	{"build_time", "build time", 300, "seconds", "> 5 minutes", Intermediate, "modular", []string{Intermediate}, Enterprise,
		"Build time > 5 minutes | Intermediate → Modular", "archgen inspect DIR --measure-build"},
	{"team", "team", 10, "people", "> 10 people", Intermediate, "microservices", []string{Intermediate}, Enterprise,
		"Team > 10 people | Intermediate → Microservices", "archgen inspect DIR (contributors in the last 90 days)"},
	{"dau", "DAU", 100_000, "users", "> 100k", Intermediate, Enterprise, []string{Entry, Intermediate}, Enterprise,
		"DAU > 100k | Intermediate → Enterprise", "archgen inspect DIR --dau N (not measurable from code)"},
	{"service_languages", "service languages", 1, "languages", "> 1 (a multi-language stack)", "monolith", "microservices", []string{Entry, Intermediate}, Enterprise,
		"Multi-language tech stack | Monolith → Microservices", "archgen inspect DIR"},
}

// SignalOf returns the §6.2 row of an id.
func SignalOf(id string) (Signal, bool) {
	for _, s := range Signals {
		if s.ID == id {
			return s, true
		}
	}
	return Signal{}, false
}
