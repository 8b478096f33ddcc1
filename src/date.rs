//! Dates from front matter: parsed leniently, shown in the site language.

use serde::Serialize;

/// A calendar date, as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// What templates receive: `{ iso, display }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateView {
    pub iso: String,
    pub display: String,
}

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Accepts `2025-08-12`, `2025-08-12T10:00:00Z` (and other RFC 3339
    /// forms), `2025/08/12` and the French `12/08/2025`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let head: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-' || *c == '/' || *c == '.')
            .collect();
        let parts: Vec<&str> = head
            .split(['-', '/', '.'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() != 3 {
            return None;
        }
        let nums: Vec<i64> = parts
            .iter()
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        let (y, m, d) = if parts[0].len() == 4 {
            (nums[0], nums[1], nums[2])
        } else if parts[2].len() == 4 {
            (nums[2], nums[1], nums[0])
        } else {
            return None;
        };
        let date = Date {
            year: i32::try_from(y).ok()?,
            month: u8::try_from(m).ok()?,
            day: u8::try_from(d).ok()?,
        };
        date.is_valid().then_some(date)
    }

    fn is_valid(self) -> bool {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1..=9999).contains(&self.year) && self.day >= 1 && self.day <= days
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    pub fn display(&self, language: &str) -> String {
        let m = usize::from(self.month - 1);
        match language {
            "en" => format!("{} {} {}", self.day, MONTHS_EN[m], self.year),
            _ if self.day == 1 => format!("1er {} {}", MONTHS_FR[m], self.year),
            _ => format!("{} {} {}", self.day, MONTHS_FR[m], self.year),
        }
    }

    pub fn view(&self, language: &str) -> DateView {
        DateView {
            iso: self.iso(),
            display: self.display(language),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let d = Date {
            year: 2025,
            month: 8,
            day: 12,
        };
        for s in [
            "2025-08-12",
            "2025-08-12T10:00:00+02:00",
            "2025/08/12",
            "12/08/2025",
            " 12.08.2025 ",
        ] {
            assert_eq!(Date::parse(s), Some(d), "{s}");
        }
        for s in [
            "",
            "demain",
            "2025-13-01",
            "2025-02-30",
            "12/08/25",
            "99999999999-01-01",
        ] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
    }

    #[test]
    fn display() {
        let d = Date::parse("2025-08-12").unwrap();
        assert_eq!(d.display("fr"), "12 août 2025");
        assert_eq!(d.display("en"), "12 August 2025");
        assert_eq!(
            Date::parse("2025-03-01").unwrap().display("fr"),
            "1er mars 2025"
        );
    }
}
