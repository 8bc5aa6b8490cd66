//! Schema `citm` (`json/citm_catalog.json`). Keys are camelCase in JSON.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::{n, to_map, TypedDoc};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Citm {
    pub area_names: HashMap<String, String>,
    pub audience_sub_category_names: HashMap<String, String>,
    pub seat_category_names: HashMap<String, String>,
    pub sub_topic_names: HashMap<String, String>,
    pub topic_names: HashMap<String, String>,
    pub venue_names: HashMap<String, String>,
    pub events: HashMap<String, Event>,
    pub performances: Vec<Performance>,
    pub topic_sub_topics: HashMap<String, Vec<i64>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub id: i64,
    pub name: String,
    pub logo: Option<String>,
    pub description: Option<String>,
    pub subtitle: Option<String>,
    pub subject_code: Option<String>,
    pub topic_ids: Vec<i64>,
    pub sub_topic_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Performance {
    pub id: i64,
    pub event_id: i64,
    pub start: i64,
    pub logo: Option<String>,
    pub name: Option<String>,
    pub seat_map_image: Option<String>,
    pub venue_code: String,
    pub prices: Vec<Price>,
    pub seat_categories: Vec<SeatCategory>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    pub amount: i64,
    pub audience_sub_category_id: i64,
    pub seat_category_id: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeatCategory {
    pub seat_category_id: i64,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Area {
    pub area_id: i64,
    pub block_ids: Vec<i64>,
}

impl TypedDoc for Citm {
    fn checksum(&self) -> BTreeMap<String, i64> {
        let events = self.events.values();
        let event_name_bytes = events.clone().map(|e| n(e.name.len())).sum();
        let topic_ids = events.map(|e| n(e.topic_ids.len())).sum();
        let (mut prices, mut price_amount, mut areas, mut start_sum) = (0, 0i64, 0, 0i64);
        for p in &self.performances {
            prices += n(p.prices.len());
            for price in &p.prices {
                price_amount = price_amount.wrapping_add(price.amount);
            }
            areas += p
                .seat_categories
                .iter()
                .map(|c| n(c.areas.len()))
                .sum::<i64>();
            start_sum = start_sum.wrapping_add(p.start);
        }
        to_map([
            ("events", n(self.events.len())),
            ("event_name_bytes", event_name_bytes),
            ("topic_ids", topic_ids),
            ("performances", n(self.performances.len())),
            ("prices", prices),
            ("price_amount", price_amount),
            ("areas", areas),
            ("start_sum", start_sum),
            ("area_names", n(self.area_names.len())),
            (
                "topic_sub_topics",
                self.topic_sub_topics.values().map(|v| n(v.len())).sum(),
            ),
        ])
    }
}
