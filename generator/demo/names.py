"""Word pools for fictional names: people, places, 小区, streets, cities and units.

Every pool is a tuple (never a set) so that drawing from it with ``random.Random(seed)``
gives the same names on every run. Chinese words carry their pinyin, which becomes the
ASCII id of the record.
"""

from __future__ import annotations


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``"陈 chen 林 lin"`` → ``(("陈", "chen"), ("林", "lin"))``."""
    words = text.split()
    return tuple(zip(words[::2], words[1::2], strict=True))


SURNAMES = _pairs("""
陈 chen 林 lin 黄 huang 张 zhang 李 li 王 wang 吴 wu 刘 liu 蔡 cai 杨 yang 郑 zheng 许 xu
谢 xie 郭 guo 洪 hong 邱 qiu 曾 zeng 廖 liao 赖 lai 周 zhou 叶 ye 苏 su 庄 zhuang 江 jiang
何 he 萧 xiao 罗 luo 高 gao 潘 pan 朱 zhu 钟 zhong 游 you 彭 peng 詹 zhan 胡 hu 施 shi
沈 shen 余 yu 卢 lu 梁 liang 赵 zhao 颜 yan 柯 ke 翁 weng 魏 wei 孙 sun 戴 dai 范 fan
方 fang 宋 song 邓 deng 杜 du 傅 fu 侯 hou 曹 cao 薛 xue 丁 ding 卓 zhuo 马 ma 饶 rao
邹 zou 官 guan 欧阳 ouyang 上官 shangguan 熊 xiong 雷 lei 龚 gong 涂 tu 危 wei 揭 jie
""")
"""Surnames common in Fujian, with two compound ones (masking keeps both characters)."""

GIVEN_MALE = _pairs("""
建 jian 国 guo 平 ping 明 ming 华 hua 强 qiang 军 jun 伟 wei 志 zhi 勇 yong 文 wen 斌 bin
辉 hui 海 hai 涛 tao 德 de 旺 wang 长 chang 生 sheng 金 jin 龙 long 荣 rong 福 fu 兴 xing
清 qing 振 zhen 刚 gang 新 xin 远 yuan 浩 hao 宇 yu 俊 jun 杰 jie 毅 yi 鹏 peng 春 chun
东 dong 水 shui 根 gen 炳 bing 忠 zhong 良 liang 祥 xiang 宏 hong 正 zheng 峰 feng
""")
GIVEN_FEMALE = _pairs("""
秀 xiu 兰 lan 英 ying 梅 mei 芳 fang 丽 li 红 hong 玉 yu 珍 zhen 凤 feng 琴 qin 霞 xia
燕 yan 萍 ping 娟 juan 敏 min 静 jing 婷 ting 慧 hui 淑 shu 桂 gui 菊 ju 莲 lian 月 yue
春 chun 芬 fen 雪 xue 云 yun 晓 xiao 美 mei 丹 dan 艳 yan 金 jin 花 hua 爱 ai 琳 lin
""")

PLACES = _pairs("""
桥头 qiaotou 西门 ximen 东关 dongguan 南门 nanmen 北岭 beiling 水北 shuibei 城南 chengnan
溪口 xikou 龙湖 longhu 凤岗 fenggang 梅岭 meiling 竹林 zhulin 松溪 songxi 桂园 guiyuan
兰亭 lanting 荷塘 hetang 柳岸 liuan 杏坛 xingtan 金山 jinshan 银湖 yinhu 玉泉 yuquan
翠屏 cuiping 碧水 bishui 青云 qingyun 白沙 baisha 红星 hongxing 朝阳 chaoyang 光明 guangming
幸福 xingfu 和平 heping 团结 tuanjie 文昌 wenchang 学府 xuefu 书院 shuyuan 府前 fuqian
县后 xianhou 营前 yingqian 仓前 cangqian 塔下 taxia 岭下 lingxia 溪南 xinan 江滨 jiangbin
沿河 yanhe 观澜 guanlan 望江 wangjiang 临溪 linxi 双井 shuangjing 鼓楼 gulou 新桥 xinqiao
石桥 shiqiao 晨光 chenguang 锦绣 jinxiu 天润 tianrun 恒信 hengxin 华府 huafu 御景 yujing
丽景 lijing 怡和 yihe 康乐 kangle 安居 anju 福田 futian 瑞丰 ruifeng 祥和 xianghe
永安 yongan 长青 changqing 万福 wanfu 百花 baihua 紫荆 zijing 银杏 yinxing 枫林 fenglin
樟树 zhangshu 榕城 rongcheng 桃源 taoyuan 杨柳 yangliu 梧桐 wutong 芙蓉 furong 茶园 chayuan
溪畔 xipan 水岸 shuian 半山 banshan 东山 dongshan 西山 xishan 南山 nanshan 北山 beishan
中山 zhongshan 东湖 donghu 西湖 xihu 月湖 yuehu 星河 xinghe 云台 yuntai 凤凰 fenghuang
麒麟 qilin 龙山 longshan 狮岩 shiyan 鹭洲 luzhou 沙洲 shazhou 五里 wuli 十里 shili
三元 sanyuan 六合 liuhe 建设 jianshe 解放 jiefang 人民 renmin 新华 xinhua 工业 gongye
铁路 tielu 电厂 dianchang 纺织 fangzhi 粮站 liangzhan 三里亭 sanliting 载云桥 zaiyunqiao
""")
"""Place words for communities, 小区 and streets (a few borrowed from the seed article)."""

ESTATE_SUFFIXES = _pairs("""
小区 xiaoqu 花园 huayuan 苑 yuan 家园 jiayuan 新村 xincun 豪园 haoyuan 雅居 yaju
华庭 huating 公寓 gongyu 嘉园 jiayuan
""")

CITIES = _pairs("""
青溪市 qingxi 云川市 yunchuan 梅江市 meijiang 松岭市 songling 兰陵市 lanling
桂川市 guichuan 霞溪市 xiaxi 樟林市 zhanglin 鹭江市 lujiang 凤溪市 fengxi
""")
"""Fictional county-level cities; the province scale uses all ten."""

PROVINCE = "青山省"

PROPERTY_WORDS = ("恒信", "众恒", "嘉和", "安泰", "宜居", "康桥", "锦华", "万家", "绿城", "福安")

AGENCIES = _pairs("""
{city}财政局 caizhengju {city}住房和城乡建设局 zhujianju {city}市场监督管理局 shichangjianguan
{city}司法局 sifaju {city}教育局 jiaoyuju {city}民政局 minzhengju
{city}人力资源和社会保障局 renshe {city}卫生健康局 weijian {city}自然资源局 ziranziyuan
{city}生态环境局 shengtai {city}交通运输局 jiaotong {city}农业农村局 nongye
{city}文化体育和旅游局 wentiju {city}应急管理局 yingji {city}城市管理局 chengguan
{city}公安局 gonganju {city}税务局 shuiwuju {city}统计局 tongjiju {city}审计局 shenjiju
{city}医疗保障局 yibaoju {city}退役军人事务局 tuiyijunren {city}商务局 shangwuju
{city}发展和改革局 fagaiju {city}工业和信息化局 gongxinju {city}科学技术局 kejiju
{city}林业局 linyeju {city}水利局 shuiliju {city}档案馆 danganguan {city}总工会 zonggonghui
{city}妇女联合会 fulian {city}残疾人联合会 canlian {city}科学技术协会 kexie
{city}工商业联合会 gongshanglian {city}融媒体中心 rongmeiti {city}人民法院 fayuan
{city}人民检察院 jianchayuan {city}消防救援大队 xiaofang {city}气象局 qixiangju
{city}机关事务服务中心 jiguanshiwu {city}信访局 xinfangju {city}国有资产服务中心 guozi
""")
"""Government bodies (机关) of a county-level city; ``{city}`` is the city's name."""

INSTITUTIONS = _pairs("""
{city}第一中学 yizhong {city}第二中学 erzhong {city}第三中学 sanzhong {city}第四中学 sizhong
{city}实验小学 shiyan-xiaoxue {city}第一小学 yixiao {city}第二小学 erxiao {city}第三小学 sanxiao
{city}人民医院 renminyiyuan {city}中医院 zhongyiyuan {city}妇幼保健院 fuyou
{city}疾病预防控制中心 jikong {city}图书馆 tushuguan {city}文化馆 wenhuaguan
{city}职业中专学校 zhongzhuan {city}社会福利中心 fulizhongxin
""")
"""Public institutions (事业单位)."""

COMPANIES = _pairs("""
{city}供电公司 gongdian {city}自来水有限公司 zilaishui {city}燃气有限公司 ranqi
{city}邮政分公司 youzheng {city}农村商业银行 nongshang {city}移动分公司 yidong
{city}电信分公司 dianxin {city}公共交通有限公司 gongjiao
""")
"""Utilities and banks (企业) every city has."""

ASSOCIATIONS = _pairs("""
{city}义工联合会 yigonglian {city}慈善总会 cishan {city}老年人体育协会 laoxie
{city}社会工作服务中心 shegong {city}红十字会 hongshizihui {city}志愿者协会 zhiyuanzhe
""")
"""Social organisations (社会组织)."""

INDUSTRIES = _pairs("""
建设集团有限公司 jianshe 物业服务有限公司 wuye 食品有限公司 shipin 竹木制品有限公司 zhumu
商贸有限公司 shangmao 电子科技有限公司 dianzi 医药连锁有限公司 yiyao 运输有限公司 yunshu
茶业有限公司 chaye 建材有限公司 jiancai 酒店管理有限公司 jiudian 农业发展有限公司 nongfa
""")
"""Private companies: a place word + one of these."""
