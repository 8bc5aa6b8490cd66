package jsonwork

// Citm is the root of citm_catalog.json.
type Citm struct {
	AreaNames                map[string]string  `json:"areaNames"`
	AudienceSubCategoryNames map[string]string  `json:"audienceSubCategoryNames"`
	SeatCategoryNames        map[string]string  `json:"seatCategoryNames"`
	SubTopicNames            map[string]string  `json:"subTopicNames"`
	TopicNames               map[string]string  `json:"topicNames"`
	VenueNames               map[string]string  `json:"venueNames"`
	Events                   map[string]Event   `json:"events"`
	Performances             []Performance      `json:"performances"`
	TopicSubTopics           map[string][]int64 `json:"topicSubTopics"`
}

type Event struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Logo        *string `json:"logo"`
	Description *string `json:"description"`
	Subtitle    *string `json:"subtitle"`
	SubjectCode *string `json:"subjectCode"`
	TopicIDs    []int64 `json:"topicIds"`
	SubTopicIDs []int64 `json:"subTopicIds"`
}

type Performance struct {
	ID             int64          `json:"id"`
	EventID        int64          `json:"eventId"`
	Start          int64          `json:"start"`
	Logo           *string        `json:"logo"`
	Name           *string        `json:"name"`
	SeatMapImage   *string        `json:"seatMapImage"`
	VenueCode      string         `json:"venueCode"`
	Prices         []Price        `json:"prices"`
	SeatCategories []SeatCategory `json:"seatCategories"`
}

type Price struct {
	Amount                int64 `json:"amount"`
	AudienceSubCategoryID int64 `json:"audienceSubCategoryId"`
	SeatCategoryID        int64 `json:"seatCategoryId"`
}

type SeatCategory struct {
	SeatCategoryID int64  `json:"seatCategoryId"`
	Areas          []Area `json:"areas"`
}

type Area struct {
	AreaID   int64   `json:"areaId"`
	BlockIDs []int64 `json:"blockIds"`
}
