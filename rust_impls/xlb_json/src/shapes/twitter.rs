//! Schema `twitter` (`json/twitter.json`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{n, to_map, TypedDoc};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Twitter {
    pub statuses: Vec<Status>,
    pub search_metadata: SearchMetadata,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Status {
    pub created_at: String,
    pub id_str: String,
    pub text: String,
    pub source: String,
    pub lang: String,
    pub id: u64,
    pub truncated: bool,
    pub favorited: bool,
    pub retweeted: bool,
    pub in_reply_to_status_id: Option<u64>,
    pub in_reply_to_status_id_str: Option<String>,
    pub in_reply_to_user_id: Option<u64>,
    pub in_reply_to_user_id_str: Option<String>,
    pub in_reply_to_screen_name: Option<String>,
    pub user: User,
    pub entities: Entities,
    pub retweet_count: i64,
    pub favorite_count: i64,
    pub retweeted_status: Option<Box<Status>>,
    pub metadata: StatusMetadata,
    pub possibly_sensitive: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StatusMetadata {
    pub result_type: String,
    pub iso_language_code: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct User {
    pub id: u64,
    pub id_str: String,
    pub name: String,
    pub screen_name: String,
    pub location: String,
    pub description: String,
    pub created_at: String,
    pub lang: String,
    pub profile_image_url: String,
    pub profile_background_color: String,
    pub url: Option<String>,
    pub time_zone: Option<String>,
    pub utc_offset: Option<i64>,
    pub protected: bool,
    pub geo_enabled: bool,
    pub verified: bool,
    pub default_profile: bool,
    pub followers_count: i64,
    pub friends_count: i64,
    pub listed_count: i64,
    pub favourites_count: i64,
    pub statuses_count: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Entities {
    pub hashtags: Vec<Hashtag>,
    pub urls: Vec<Url>,
    pub user_mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Hashtag {
    pub text: String,
    pub indices: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Url {
    pub url: String,
    pub expanded_url: String,
    pub display_url: String,
    pub indices: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Mention {
    pub screen_name: String,
    pub name: String,
    pub id_str: String,
    pub id: u64,
    pub indices: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SearchMetadata {
    pub completed_in: f64,
    pub max_id: u64,
    pub max_id_str: String,
    pub next_results: String,
    pub query: String,
    pub refresh_url: String,
    pub since_id_str: String,
    pub count: i64,
    pub since_id: u64,
}

impl TypedDoc for Twitter {
    /// Paths start at `statuses[*]`: nested retweeted statuses are not walked.
    fn checksum(&self) -> BTreeMap<String, i64> {
        let (mut text_bytes, mut followers, mut hashtags, mut mentions, mut urls) = (0, 0, 0, 0, 0);
        let (mut retweets, mut replies, mut retweeted, mut screen_name_bytes) = (0, 0, 0, 0);
        for s in &self.statuses {
            text_bytes += n(s.text.len());
            followers = i64::wrapping_add(followers, s.user.followers_count);
            hashtags += n(s.entities.hashtags.len());
            mentions += n(s.entities.user_mentions.len());
            urls += n(s.entities.urls.len());
            retweets = i64::wrapping_add(retweets, s.retweet_count);
            replies += i64::from(s.in_reply_to_status_id.is_some());
            retweeted += i64::from(s.retweeted_status.is_some());
            screen_name_bytes += n(s.user.screen_name.len());
        }
        to_map([
            ("statuses", n(self.statuses.len())),
            ("text_bytes", text_bytes),
            ("followers", followers),
            ("hashtags", hashtags),
            ("mentions", mentions),
            ("urls", urls),
            ("retweets", retweets),
            ("replies", replies),
            ("retweeted_statuses", retweeted),
            ("screen_name_bytes", screen_name_bytes),
            ("search_count", self.search_metadata.count),
        ])
    }
}
