//! Invitations, written once: made by the server's admin (as `invite` on the
//! command line does) or by a coordinator through the API, set up with a
//! password, and a newcomer parent confirmed by the family.

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use tsunagu_model::{
    FamilyId, PersonId, Role,
    api::{InviteParent, Me},
    endpoints::{AcceptWithPassword, ConfirmJoining, InviteToFamily, NoContent},
};
use tsunagu_server::auth::invitations::{self, NewInvitation};

use super::{Session, TestApp, session_of, sessions::credentials};

impl TestApp {
    /// An invitation for a parent of `family`, made at `now` by the admin.
    pub async fn invite_parent(
        &self,
        family: FamilyId,
        name: &str,
        now: DateTime<Utc>,
    ) -> NewInvitation {
        self.invite(Role::Parent, Some(family), name, now).await
    }

    /// An invitation for staff or a mentor (no family), made now by the admin.
    pub async fn invite_staff(&self, role: Role, name: &str) -> NewInvitation {
        self.invite(role, None, name, Utc::now()).await
    }

    async fn invite(
        &self,
        role: Role,
        family: Option<FamilyId>,
        name: &str,
        now: DateTime<Utc>,
    ) -> NewInvitation {
        invitations::create(&self.db, role, family, name, None, now)
            .await
            .expect("an invitation")
    }

    /// A coordinator invites a parent of `family` from the desk.
    pub async fn invite_from_desk(
        &self,
        coordinator: &Session,
        family_id: FamilyId,
        name: &str,
    ) -> reqwest::Response {
        self.send(
            Some(coordinator),
            &InviteToFamily { family_id },
            &InviteParent {
                display_name: name.to_owned(),
            },
        )
        .await
    }

    /// Sets up sign-in from an invitation's code with a login and a password.
    pub async fn set_up_password(
        &self,
        code: &str,
        login: &str,
        password: &str,
    ) -> reqwest::Response {
        self.send(
            None,
            &AcceptWithPassword {
                code: code.to_owned(),
            },
            &credentials(login, password),
        )
        .await
    }

    /// Sets up an account from the invitation and answers who it is, signed in.
    pub async fn accept_invitation(
        &self,
        code: &str,
        login: &str,
        password: &str,
    ) -> (Session, Me) {
        let set_up = self.set_up_password(code, login, password).await;
        assert_eq!(set_up.status(), StatusCode::CREATED, "{login} sets up");
        let session = session_of(&set_up);
        (session, set_up.json().await.expect("the new person"))
    }

    /// A confirmed parent of `family` confirms a newcomer (joining.rs).
    pub async fn confirm_joining(
        &self,
        parent: &Session,
        family_id: FamilyId,
        person_id: PersonId,
    ) -> reqwest::Response {
        self.send(
            Some(parent),
            &ConfirmJoining {
                family_id,
                person_id,
            },
            &NoContent,
        )
        .await
    }
}
