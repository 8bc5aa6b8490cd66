package jsonwork

// Twitter is the root of twitter.json.
type Twitter struct {
	Statuses       []Status       `json:"statuses"`
	SearchMetadata SearchMetadata `json:"search_metadata"`
}

type Status struct {
	CreatedAt            string         `json:"created_at"`
	IDStr                string         `json:"id_str"`
	Text                 string         `json:"text"`
	Source               string         `json:"source"`
	Lang                 string         `json:"lang"`
	ID                   uint64         `json:"id"`
	Truncated            bool           `json:"truncated"`
	Favorited            bool           `json:"favorited"`
	Retweeted            bool           `json:"retweeted"`
	InReplyToStatusID    *uint64        `json:"in_reply_to_status_id"`
	InReplyToStatusIDStr *string        `json:"in_reply_to_status_id_str"`
	InReplyToUserID      *uint64        `json:"in_reply_to_user_id"`
	InReplyToUserIDStr   *string        `json:"in_reply_to_user_id_str"`
	InReplyToScreenName  *string        `json:"in_reply_to_screen_name"`
	User                 User           `json:"user"`
	Entities             Entities       `json:"entities"`
	RetweetCount         int64          `json:"retweet_count"`
	FavoriteCount        int64          `json:"favorite_count"`
	RetweetedStatus      *Status        `json:"retweeted_status"`
	Metadata             StatusMetadata `json:"metadata"`
	PossiblySensitive    *bool          `json:"possibly_sensitive"`
}

type StatusMetadata struct {
	ResultType      string `json:"result_type"`
	IsoLanguageCode string `json:"iso_language_code"`
}

type User struct {
	ID                     uint64  `json:"id"`
	IDStr                  string  `json:"id_str"`
	Name                   string  `json:"name"`
	ScreenName             string  `json:"screen_name"`
	Location               string  `json:"location"`
	Description            string  `json:"description"`
	CreatedAt              string  `json:"created_at"`
	Lang                   string  `json:"lang"`
	ProfileImageURL        string  `json:"profile_image_url"`
	ProfileBackgroundColor string  `json:"profile_background_color"`
	URL                    *string `json:"url"`
	TimeZone               *string `json:"time_zone"`
	UTCOffset              *int64  `json:"utc_offset"`
	Protected              bool    `json:"protected"`
	GeoEnabled             bool    `json:"geo_enabled"`
	Verified               bool    `json:"verified"`
	DefaultProfile         bool    `json:"default_profile"`
	FollowersCount         int64   `json:"followers_count"`
	FriendsCount           int64   `json:"friends_count"`
	ListedCount            int64   `json:"listed_count"`
	FavouritesCount        int64   `json:"favourites_count"`
	StatusesCount          int64   `json:"statuses_count"`
}

type Entities struct {
	Hashtags     []Hashtag `json:"hashtags"`
	URLs         []URL     `json:"urls"`
	UserMentions []Mention `json:"user_mentions"`
}

type Hashtag struct {
	Text    string  `json:"text"`
	Indices []int64 `json:"indices"`
}

type URL struct {
	URL         string  `json:"url"`
	ExpandedURL string  `json:"expanded_url"`
	DisplayURL  string  `json:"display_url"`
	Indices     []int64 `json:"indices"`
}

type Mention struct {
	ScreenName string  `json:"screen_name"`
	Name       string  `json:"name"`
	IDStr      string  `json:"id_str"`
	ID         uint64  `json:"id"`
	Indices    []int64 `json:"indices"`
}

type SearchMetadata struct {
	CompletedIn float64 `json:"completed_in"`
	MaxID       uint64  `json:"max_id"`
	MaxIDStr    string  `json:"max_id_str"`
	NextResults string  `json:"next_results"`
	Query       string  `json:"query"`
	RefreshURL  string  `json:"refresh_url"`
	SinceIDStr  string  `json:"since_id_str"`
	Count       int64   `json:"count"`
	SinceID     uint64  `json:"since_id"`
}
