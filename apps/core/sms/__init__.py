"""SMS to mainland phones: the catalogue of templates every message is sent by, and real providers' senders.

Mainland providers send only pre-approved templates: a signature (签名, e.g. 【红岭+】) and a template ID with
named parameters, never free text. So every SMS the portal sends names a template key from the catalogue
(`catalogue.py`) with its parameters; the full text is rendered too, for the log sender and the tests. The
sender named by `SMS_SENDER` gets an `SmsMessage` and sends whichever it can: `LogSmsSender` the text,
`AliyunSmsSender` / `TencentSmsSender` the template ID (from `SMS_TEMPLATE_IDS`) and the parameters.
"""
