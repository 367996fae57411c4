//! Where the server may send a push: a subscription's endpoint is whatever a
//! browser (or someone pretending to be one) gave us, so it must never point
//! the server at itself or at the town's internal network.

use std::{
    net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr},
    sync::Arc,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Origin, Url};

/// Real push services' endpoints are a few hundred characters.
const MAX_ENDPOINT_LEN: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DestinationProblem {
    #[error("the endpoint is longer than {MAX_ENDPOINT_LEN} characters")]
    TooLong,
    #[error("the endpoint is not a URL")]
    NotAUrl,
    #[error("the endpoint is not https")]
    NotHttps,
    #[error("the endpoint has no host")]
    NoHost,
    #[error("the endpoint carries a user name or password")]
    UserInfo,
    #[error("the endpoint's address is not a public one")]
    NotPublic,
    #[error("the endpoint names this machine")]
    LocalName,
}

/// The one origin a test deployment may push to despite the rules (e.g. a
/// stand-in push service on `http://127.0.0.1:PORT`). Matched exactly: scheme,
/// host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedOrigin(Origin);

impl AllowedOrigin {
    /// An origin such as `http://127.0.0.1:8080` (a trailing `/` is fine; a
    /// path, query or user name is not, so a typo cannot widen the exception).
    pub fn parse(text: &str) -> Result<Self, DestinationProblem> {
        let url = Url::parse(text).map_err(|_| DestinationProblem::NotAUrl)?;
        if !matches!(url.scheme(), "http" | "https") || url.path() != "/" || url.query().is_some() {
            return Err(DestinationProblem::NotAUrl);
        }
        if has_userinfo(&url) {
            return Err(DestinationProblem::UserInfo);
        }
        if url.host().is_none() {
            return Err(DestinationProblem::NoHost);
        }
        Ok(Self(url.origin()))
    }

    fn admits(&self, url: &Url) -> bool {
        url.origin() == self.0
    }

    /// The host name the resolver must let through unfiltered, if the allowed
    /// origin is named rather than an address.
    fn domain(&self) -> Option<&str> {
        match &self.0 {
            Origin::Tuple(_, Host::Domain(domain), _) => Some(domain),
            _ => None,
        }
    }
}

/// The guard on push endpoints.
#[derive(Debug, Clone, Copy)]
pub struct PushDestination;

impl PushDestination {
    /// The endpoint as a URL the server may POST to: https, a host, no user
    /// name, and no address outside the public internet. A name is checked
    /// here only for this machine's own names; what it resolves to is checked
    /// when the connection is made (`PublicOnlyResolver`), so a name that
    /// later resolves elsewhere (DNS rebinding) gets no further.
    pub fn check(
        endpoint: &str,
        allow_origin: Option<&AllowedOrigin>,
    ) -> Result<Url, DestinationProblem> {
        if endpoint.len() > MAX_ENDPOINT_LEN {
            return Err(DestinationProblem::TooLong);
        }
        let url = Url::parse(endpoint).map_err(|_| DestinationProblem::NotAUrl)?;
        if has_userinfo(&url) {
            return Err(DestinationProblem::UserInfo);
        }
        if allow_origin.is_some_and(|allowed| allowed.admits(&url)) {
            return Ok(url);
        }
        if url.scheme() != "https" {
            return Err(DestinationProblem::NotHttps);
        }
        match url.host() {
            None => Err(DestinationProblem::NoHost),
            Some(Host::Ipv4(address)) if !is_public_v4(address) => {
                Err(DestinationProblem::NotPublic)
            }
            Some(Host::Ipv6(address)) if !is_public_v6(address) => {
                Err(DestinationProblem::NotPublic)
            }
            Some(Host::Domain(domain)) if is_local_name(domain) => {
                Err(DestinationProblem::LocalName)
            }
            Some(_) => Ok(url),
        }
    }
}

fn has_userinfo(url: &Url) -> bool {
    !url.username().is_empty() || url.password().is_some()
}

/// `localhost` and its subdomains always mean this machine (RFC 6761 §6.3).
fn is_local_name(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    domain == "localhost" || domain.ends_with(".localhost")
}

fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

/// Not this machine, not a private or shared network, not a special range.
fn is_public_v4(address: Ipv4Addr) -> bool {
    let [a, b, c, _] = address.octets();
    let special = a == 0 // "this network", incl. 0.0.0.0
        || address.is_loopback() // 127/8
        || address.is_private() // 10/8, 172.16/12, 192.168/16
        || address.is_link_local() // 169.254/16 (cloud metadata lives here)
        || (a == 100 && (64..128).contains(&b)) // 100.64/10, carrier-grade NAT
        || (a == 192 && b == 0 && c == 0) // 192.0.0/24, IETF protocol assignments
        || address.is_documentation() // 192.0.2/24, 198.51.100/24, 203.0.113/24
        || (a == 198 && (b == 18 || b == 19)) // 198.18/15, benchmarking
        || address.is_multicast() // 224/4
        || a >= 240; // 240/4 reserved, incl. 255.255.255.255
    !special
}

/// Public IPv6 is global unicast (2000::/3) outside its special blocks; an
/// address that embeds an IPv4 one (mapped, NAT64, 6to4) is as public as that.
fn is_public_v6(address: Ipv6Addr) -> bool {
    if let Some(v4) = address.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let embedded_v4 = |high: u16, low: u16| {
        let [a, b] = high.to_be_bytes();
        let [c, d] = low.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    match address.segments() {
        // 64:ff9b::/96, NAT64 to the embedded address.
        [0x64, 0xff9b, 0, 0, 0, 0, high, low] => is_public_v4(embedded_v4(high, low)),
        // 2002::/16, 6to4 through the embedded address.
        [0x2002, high, low, ..] => is_public_v4(embedded_v4(high, low)),
        // 2001::/23, IETF protocol assignments (Teredo, benchmarking, ORCHID…).
        [0x2001, second, ..] if second < 0x200 => false,
        // 2001:db8::/32 and 3fff::/20, documentation.
        [0x2001, 0xdb8, ..] => false,
        [first, ..] if first & 0xfff0 == 0x3ff0 => false,
        // Everything else outside 2000::/3 (loopback, unspecified, the
        // IPv4-compatible ::/96, unique-local fc00::/7, link-local fe80::/10,
        // multicast ff00::/8) is not the public internet.
        [first, ..] => first & 0xe000 == 0x2000,
    }
}

/// Resolves names for the push client, keeping only public addresses: the
/// check happens on the very addresses the connection will use. The allowed
/// test origin's own name, if it has one, is let through as it is.
#[derive(Debug, Clone, Default)]
pub(super) struct PublicOnlyResolver {
    allowed_domain: Option<Arc<str>>,
}

impl PublicOnlyResolver {
    pub(super) fn new(allow_origin: Option<&AllowedOrigin>) -> Self {
        Self {
            allowed_domain: allow_origin.and_then(AllowedOrigin::domain).map(Arc::from),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("the push endpoint's name resolves to no public address")]
struct NoPublicAddress;

impl Resolve for PublicOnlyResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let unfiltered = self
            .allowed_domain
            .as_deref()
            .is_some_and(|allowed| allowed.eq_ignore_ascii_case(&host));
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let kept: Vec<SocketAddr> = found
                .filter(|socket| unfiltered || is_public(socket.ip()))
                .collect();
            if kept.is_empty() {
                return Err(NoPublicAddress.into());
            }
            let addrs: Addrs = Box::new(kept.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn refused(endpoint: &str) -> DestinationProblem {
        match PushDestination::check(endpoint, None) {
            Ok(url) => panic!("{endpoint} was let through as {url}"),
            Err(problem) => problem,
        }
    }

    #[test]
    fn real_push_services_pass() {
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/abc:APA91b",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://web.push.apple.com/QGuQyavXutnMH",
            "https://8.8.8.8/push",
            "https://[2606:4700::1111]/push",
            "https://[::ffff:8.8.8.8]/push",
        ] {
            assert!(PushDestination::check(endpoint, None).is_ok(), "{endpoint}");
        }
    }

    #[test]
    fn only_https_urls_with_a_host_and_no_user_name() {
        assert_eq!(
            refused("http://push.example.com/x"),
            DestinationProblem::NotHttps
        );
        assert_eq!(
            refused("ftp://push.example.com/x"),
            DestinationProblem::NotHttps
        );
        assert_eq!(refused("push.example.com/x"), DestinationProblem::NotAUrl);
        assert_eq!(refused("https://"), DestinationProblem::NotAUrl);
        assert_eq!(
            refused("https://user@push.example.com/x"),
            DestinationProblem::UserInfo
        );
        assert_eq!(
            refused("https://:secret@push.example.com/x"),
            DestinationProblem::UserInfo
        );
        let long = format!("https://push.example.com/{}", "a".repeat(MAX_ENDPOINT_LEN));
        assert_eq!(refused(&long), DestinationProblem::TooLong);
    }

    #[test]
    fn private_and_special_addresses_are_refused() {
        for endpoint in [
            "https://127.0.0.1/",
            "https://127.1.2.3:8443/",
            "https://0.0.0.0/",
            "https://10.0.0.1/",
            "https://172.16.0.1/",
            "https://172.31.255.255/",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/",
            "https://100.127.255.255/",
            "https://192.0.0.8/",
            "https://192.0.2.1/",
            "https://198.51.100.1/",
            "https://203.0.113.1/",
            "https://198.18.0.1/",
            "https://224.0.0.1/",
            "https://255.255.255.255/",
            "https://240.0.0.1/",
            // The URL parser's other spellings of 127.0.0.1 land here too.
            "https://2130706433/",
            "https://0x7f.1/",
            "https://[::1]/",
            "https://[::]/",
            "https://[fe80::1]/",
            "https://[febf::1]/",
            "https://[fc00::1]/",
            "https://[fd12:3456::1]/",
            "https://[ff02::1]/",
            "https://[2001:db8::1]/",
            "https://[3fff::1]/",
            "https://[2001::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://[::ffff:169.254.169.254]/",
            "https://[::127.0.0.1]/",
            "https://[64:ff9b::10.0.0.1]/",
            "https://[2002:c0a8:0101::1]/",
        ] {
            assert_eq!(
                refused(endpoint),
                DestinationProblem::NotPublic,
                "{endpoint}"
            );
        }
        // Just outside the private blocks is the public internet.
        for endpoint in [
            "https://172.32.0.1/",
            "https://100.128.0.1/",
            "https://[64:ff9b::8.8.8.8]/",
        ] {
            assert!(PushDestination::check(endpoint, None).is_ok(), "{endpoint}");
        }
    }

    #[test]
    fn this_machines_names_are_refused() {
        for endpoint in [
            "https://localhost/",
            "https://LOCALHOST:8443/x",
            "https://localhost./",
            "https://push.localhost/",
        ] {
            assert_eq!(
                refused(endpoint),
                DestinationProblem::LocalName,
                "{endpoint}"
            );
        }
    }

    #[test]
    fn the_allowed_origin_is_matched_exactly() {
        let allowed = AllowedOrigin::parse("http://127.0.0.1:4040").expect("an origin");
        let check = |endpoint: &str| PushDestination::check(endpoint, Some(&allowed));
        assert!(check("http://127.0.0.1:4040/push/abc").is_ok());
        assert_eq!(
            check("http://127.0.0.1:4041/push/abc"),
            Err(DestinationProblem::NotHttps)
        );
        assert_eq!(
            check("https://127.0.0.1:4040/push/abc"),
            Err(DestinationProblem::NotPublic)
        );
        assert_eq!(
            check("http://localhost:4040/push/abc"),
            Err(DestinationProblem::NotHttps)
        );
        assert_eq!(
            check("http://user@127.0.0.1:4040/push"),
            Err(DestinationProblem::UserInfo)
        );
        // The exception adds one origin; it takes nothing away from the rest.
        assert!(check("https://fcm.googleapis.com/fcm/send/x").is_ok());
    }

    #[test]
    fn an_allowed_origin_is_an_origin_and_nothing_more() {
        assert!(AllowedOrigin::parse("http://127.0.0.1:4040/").is_ok());
        assert!(AllowedOrigin::parse("https://push.test").is_ok());
        for text in [
            "127.0.0.1:4040",
            "http://127.0.0.1:4040/push",
            "http://127.0.0.1:4040/?a",
            "file:///tmp",
        ] {
            assert_eq!(
                AllowedOrigin::parse(text),
                Err(DestinationProblem::NotAUrl),
                "{text}"
            );
        }
        assert_eq!(
            AllowedOrigin::parse("http://u@127.0.0.1:1"),
            Err(DestinationProblem::UserInfo)
        );
    }

    #[tokio::test]
    async fn a_name_that_resolves_only_to_this_machine_gets_no_address() {
        let resolver = PublicOnlyResolver::new(None);
        let name = Name::from_str("localhost").expect("a name");
        assert!(resolver.resolve(name).await.is_err());
    }

    #[tokio::test]
    async fn the_allowed_origins_own_name_resolves_as_it_is() {
        let allowed = AllowedOrigin::parse("http://localhost:4040").expect("an origin");
        let resolver = PublicOnlyResolver::new(Some(&allowed));
        let name = Name::from_str("localhost").expect("a name");
        let addresses: Vec<SocketAddr> = resolver.resolve(name).await.expect("resolves").collect();
        assert!(!addresses.is_empty());
        assert!(addresses.iter().all(|socket| socket.ip().is_loopback()));
    }
}
