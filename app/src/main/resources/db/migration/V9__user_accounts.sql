-- People who sign in to the web application or call the REST API. Passwords are stored as
-- Spring Security encoded hashes ("{bcrypt}..."); an account marked must_change_password may do
-- nothing but choose a new password.
CREATE TABLE user_account (
    username             VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name         VARCHAR(200) NOT NULL,
    password_hash        VARCHAR(200) NOT NULL,
    enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    password_changed_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE user_role (
    username VARCHAR(64) NOT NULL REFERENCES user_account (username) ON DELETE CASCADE,
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (username, role)
);
